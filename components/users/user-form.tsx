'use client';

import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList } from '@/components/form-message';
import { RolePicker } from '@/components/role-picker';
import { TextField } from '@/components/text-field';
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
  const chosen = echoedList(state, 'roles', user.roleIds);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {user.id && <input type="hidden" name="id" value={user.id} />}
      {isNew ? (
        <TextField
          name="email"
          label="Email"
          type="email"
          required
          maxLength={254}
          defaultValue={echoed(state, 'email', user.email)}
          errors={errors.email}
        />
      ) : (
        <p>
          Email: <strong>{user.email}</strong>
        </p>
      )}
      <TextField name="name" label="Name" required maxLength={100} defaultValue={echoed(state, 'name', user.name)} errors={errors.name} />
      <TextField
        name="password"
        label={isNew ? 'Password' : 'New password (optional)'}
        type="password"
        autoComplete="new-password"
        minLength={10}
        required={isNew}
        errors={errors.password}
        hint={`At least 10 characters.${isNew ? '' : ' Leave empty to keep the current one.'}`}
      />
      {assignableRoles && <RolePicker roles={assignableRoles} chosen={chosen} errors={errors.roles} hint="From 1 to 5." />}
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
