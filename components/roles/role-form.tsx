'use client';

import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList, errorProps } from '@/components/form-message';
import { PATTERN_PERMISSION, PERMISSIONS, PERMISSION_DESCRIPTIONS, type Grant } from '@/lib/auth/permissions';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

type RoleDefaults = { id?: string; name: string; description: string; grants: Grant[] };

export function RoleForm({
  action,
  role,
  submitLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  role: RoleDefaults;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const errors = state.fieldErrors ?? {};
  const patternErrors = Object.entries(errors)
    .filter(([key]) => key.endsWith('accessNamePattern'))
    .flatMap(([, messages]) => messages);
  const granted = echoedList(
    state,
    'grants',
    role.grants.map((g) => g.permission),
  );
  const pattern = echoed(state, 'accessNamePattern', role.grants.find((g) => g.permission === PATTERN_PERMISSION)?.accessNamePattern ?? '');

  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {role.id && <input type="hidden" name="id" value={role.id} />}
      <div className="field">
        <label htmlFor="name">Name</label>
        <input
          id="name"
          name="name"
          required
          maxLength={64}
          defaultValue={echoed(state, 'name', role.name)}
          {...errorProps('name', errors.name)}
        />
        <FieldError id="name-error" errors={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="description">Description</label>
        <textarea
          id="description"
          name="description"
          rows={2}
          maxLength={1000}
          defaultValue={echoed(state, 'description', role.description)}
          {...errorProps('description', errors.description)}
        />
        <FieldError id="description-error" errors={errors.description} />
      </div>
      <fieldset className="grants" {...errorProps('grants', errors.grants)}>
        <legend>Permissions</legend>
        <FieldError id="grants-error" errors={errors.grants} />
        {PERMISSIONS.map((permission) => (
          <div key={permission} className="grant">
            <label className="checkbox">
              <input type="checkbox" name="grants" value={permission} defaultChecked={granted.includes(permission)} />
              <code>{permission}</code> <span className="muted">— {PERMISSION_DESCRIPTIONS[permission]}</span>
            </label>
            {permission === PATTERN_PERMISSION && (
              <div className="field nested">
                <label htmlFor="accessNamePattern">Access Name pattern (optional)</label>
                <input
                  id="accessNamePattern"
                  name="accessNamePattern"
                  placeholder="e.g. ci-[a-z0-9-]+"
                  defaultValue={pattern}
                  {...errorProps('accessNamePattern', patternErrors)}
                />
                <p className="hint">A regular expression (RE2 syntax) the whole Access Name must match. Leave empty to allow any name.</p>
                <FieldError id="accessNamePattern-error" errors={patternErrors} />
              </div>
            )}
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
