'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList, errorProps } from '@/components/form-message';
import { TokenReveal } from '@/components/token-reveal';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { ExpirationField } from './expiration-field';

type Defaults = { id?: string; name: string; description: string; tags: string[]; roleIds: string[] };
type RoleOption = { id: string; name: string; description: string };

/** Errors for a list field arrive per item (`tags.3`); they are all shown next to the field. */
const errorsUnder = (errors: Record<string, string[]>, field: string) =>
  Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([, messages]) => messages);

/** Create and edit share this form; create also asks for the expiration and then shows the token once. */
export function ApiAccessForm({
  action,
  defaults,
  roles,
  mode,
  namePatterns,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  defaults: Defaults;
  /** Null when the actor lacks getRole: the Roles field is then absent. */
  roles: RoleOption[] | null;
  mode: 'create' | 'edit';
  /** The patterns the actor's names must match, shown as a hint; empty when unconstrained. */
  namePatterns: string[];
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  if (state.status === 'success' && state.token) {
    return (
      <>
        <TokenReveal token={state.token} banner={state.message ?? 'API Access created'} />
        <p className="actions">
          <Link className="button primary" href="/access-management/api-access">
            Done
          </Link>
          <Link className="button" href={`/access-management/api-access/${state.accessId}`}>
            View API Access
          </Link>
        </p>
      </>
    );
  }
  const errors = state.fieldErrors ?? {};
  const tagErrors = errorsUnder(errors, 'tags');
  const roleErrors = errorsUnder(errors, 'roleIds');
  const chosenRoles = echoedList(state, 'roleIds', defaults.roleIds);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {defaults.id && <input type="hidden" name="id" value={defaults.id} />}
      <div className="field">
        <label htmlFor="name">Access Name</label>
        <input
          id="name"
          name="name"
          required
          maxLength={64}
          defaultValue={echoed(state, 'name', defaults.name)}
          {...errorProps('name', errors.name)}
        />
        {namePatterns.length > 0 && (
          <p className="hint">
            Must fully match{' '}
            {namePatterns.map((pattern, i) => (
              <span key={pattern}>
                {i > 0 && ' or '}
                <code>{pattern}</code>
              </span>
            ))}
            .
          </p>
        )}
        <FieldError id="name-error" errors={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="description">Description</label>
        <textarea
          id="description"
          name="description"
          rows={3}
          maxLength={1000}
          defaultValue={echoed(state, 'description', defaults.description)}
          {...errorProps('description', errors.description)}
        />
        <FieldError id="description-error" errors={errors.description} />
      </div>
      <div className="field">
        <label htmlFor="tags">Tags</label>
        <input
          id="tags"
          name="tags"
          defaultValue={echoed(state, 'tags', defaults.tags.join(', '))}
          {...errorProps('tags', tagErrors)}
          aria-describedby={`tags-hint${tagErrors.length ? ' tags-error' : ''}`}
        />
        <p id="tags-hint" className="hint">
          Comma-separated, up to 20; letters, digits and - _ . : / (e.g. team:payments, env/prod).
        </p>
        <FieldError id="tags-error" errors={tagErrors} />
      </div>
      {roles && (
        <fieldset {...errorProps('roleIds', roleErrors)}>
          <legend>Roles</legend>
          <input type="hidden" name="rolesShown" value="1" />
          {roles.length === 0 && <p className="muted">There are no roles you may assign.</p>}
          {roles.map((role) => (
            <label key={role.id} className="checkbox">
              <input type="checkbox" name="roleIds" value={role.id} defaultChecked={chosenRoles.includes(role.id)} />
              {role.name} {role.description && <span className="muted">— {role.description}</span>}
            </label>
          ))}
          <p className="hint">Up to 5. A key without roles verifies as valid but may do nothing on the platform.</p>
          <FieldError id="roleIds-error" errors={roleErrors} />
        </fieldset>
      )}
      {mode === 'create' && (
        <ExpirationField
          key={JSON.stringify(state.values ?? {})}
          errors={errors.expiresAt}
          defaultChoice={echoed(state, 'expiresIn', '30')}
          defaultCustom={echoed(state, 'expiresAtLocal')}
        />
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          {mode === 'create' ? 'Create API Access' : 'Save changes'}
        </button>
        <Link className="button" href="/access-management/api-access">
          Cancel
        </Link>
      </div>
    </form>
  );
}
