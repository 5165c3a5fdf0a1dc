'use client';

import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList, errorProps } from '@/components/form-message';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

type UserDefaults = { id?: string; email: string; name: string; disabled: boolean; roleIds: string[] };

export function UserForm({
  action,
  user,
  assignableRoles,
  submitLabel,
  canEditSelfStatus = true,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  user: UserDefaults;
  /** Null when the actor cannot see roles: the field is then left out entirely. */
  assignableRoles: { id: string; name: string; description: string }[] | null;
  submitLabel: string;
  canEditSelfStatus?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const errors = state.fieldErrors ?? {};
  const isNew = !user.id;
  const chosen = echoedList(state, 'roleIds', user.roleIds);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {user.id && <input type="hidden" name="id" value={user.id} />}
      {isNew ? (
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            maxLength={254}
            defaultValue={echoed(state, 'email', user.email)}
            {...errorProps('email', errors.email)}
          />
          <FieldError id="email-error" errors={errors.email} />
        </div>
      ) : (
        <p>
          Email: <strong>{user.email}</strong>
        </p>
      )}
      <div className="field">
        <label htmlFor="name">Name</label>
        <input
          id="name"
          name="name"
          required
          maxLength={100}
          defaultValue={echoed(state, 'name', user.name)}
          {...errorProps('name', errors.name)}
        />
        <FieldError id="name-error" errors={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="password">{isNew ? 'Password' : 'New password (optional)'}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required={isNew}
          {...errorProps('password', errors.password)}
        />
        <p className="hint">At least 10 characters.{isNew ? '' : ' Leave empty to keep the current one.'}</p>
        <FieldError id="password-error" errors={errors.password} />
      </div>
      {assignableRoles && (
        <fieldset {...errorProps('roleIds', errors.roleIds)}>
          <legend>Roles</legend>
          <input type="hidden" name="rolesShown" value="1" />
          <FieldError id="roleIds-error" errors={errors.roleIds} />
          {assignableRoles.length === 0 && <p className="muted">There are no roles you may assign.</p>}
          {assignableRoles.map((role) => (
            <label key={role.id} className="checkbox">
              <input type="checkbox" name="roleIds" value={role.id} defaultChecked={chosen.includes(role.id)} />
              {role.name} {role.description && <span className="muted">— {role.description}</span>}
            </label>
          ))}
        </fieldset>
      )}
      {!isNew && canEditSelfStatus && (
        <label className="checkbox">
          <input type="checkbox" name="disabled" defaultChecked={state.values ? state.values.disabled === 'on' : user.disabled} />
          Disabled (cannot sign in)
        </label>
      )}
      <FieldError id="disabled-error" errors={errors.disabled} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
