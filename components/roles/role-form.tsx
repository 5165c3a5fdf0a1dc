'use client';

import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList, errorProps } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { PERMISSIONS, PERMISSION_DESCRIPTIONS, takesPattern, type Grant, type Permission } from '@/lib/auth/permissions';
import { patternField } from '@/lib/roles/form-fields';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

const RE2 = 'A regular expression (RE2 syntax) the whole Access Name must match.';
const PATTERN_LABELS = {
  createApiAccess: { label: 'Access Name pattern (optional)', hint: `${RE2} Leave empty to allow any name.` },
  updateApiAccess: { label: 'Keys it may edit: name pattern (optional)', hint: `${RE2} Leave empty to reach every key.` },
  regenerateApiAccess: { label: 'Keys it may regenerate: name pattern (optional)', hint: `${RE2} Leave empty to reach every key.` },
  deleteApiAccess: { label: 'Keys it may delete: name pattern (optional)', hint: `${RE2} Leave empty to reach every key.` },
} as const;

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
  const granted = echoedList(
    state,
    'grants',
    role.grants.map((g) => g.permission),
  );
  // Grants are submitted in catalog order, so a pattern's error sits at its permission's place among the checked ones.
  const patternErrors = (permission: Permission) => errors[`grants.${granted.indexOf(permission)}.accessNamePattern`];
  const pattern = (permission: Permission) =>
    echoed(state, patternField(permission), role.grants.find((g) => g.permission === permission)?.accessNamePattern ?? '');

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
              <span>
                <code>{permission}</code> <span className="muted">— {PERMISSION_DESCRIPTIONS[permission]}</span>
              </span>
            </label>
            {takesPattern(permission) && (
              <div className="nested">
                <TextField
                  name={patternField(permission)}
                  label={PATTERN_LABELS[permission].label}
                  placeholder="e.g. ci-[a-z0-9-]+"
                  defaultValue={pattern(permission)}
                  errors={patternErrors(permission)}
                  hint={PATTERN_LABELS[permission].hint}
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
