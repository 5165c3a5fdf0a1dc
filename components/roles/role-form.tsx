'use client';

import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList, errorProps } from '@/components/form-message';
import { TextField } from '@/components/text-field';
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
      <TextField name="name" label="Name" required maxLength={64} defaultValue={echoed(state, 'name', role.name)} errors={errors.name} />
      <TextField
        multiline
        name="description"
        label="Description"
        rows={2}
        maxLength={1000}
        defaultValue={echoed(state, 'description', role.description)}
        errors={errors.description}
      />
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
              <div className="nested">
                <TextField
                  name="accessNamePattern"
                  label="Access Name pattern (optional)"
                  placeholder="e.g. ci-[a-z0-9-]+"
                  defaultValue={pattern}
                  errors={patternErrors}
                  hint="A regular expression (RE2 syntax) the whole Access Name must match. Leave empty to allow any name."
                />
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
