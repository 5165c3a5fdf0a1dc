'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage, echoed, echoedList } from '@/components/form-message';
import { RolePicker } from '@/components/role-picker';
import { TextField } from '@/components/text-field';
import { OneTimeToken } from '@/components/token-reveal';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { ExpirationField } from './expiration-field';
import { RateLimitField } from './rate-limit-field';
import { paths } from '@/lib/paths';

type Defaults = {
  id?: string;
  name: string;
  description: string;
  tags: string[];
  roleIds: string[];
  allowedIps: string[];
  rateLimit: { limit: number; windowSeconds: number } | null;
};
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
    return <OneTimeToken token={state.token} banner={state.message ?? 'API Access created'} accessId={state.accessId} />;
  }
  const errors = state.fieldErrors ?? {};
  const tagErrors = errorsUnder(errors, 'tags');
  const roleErrors = errorsUnder(errors, 'roles');
  const allowedIpErrors = errorsUnder(errors, 'allowedIps');
  const rateLimitErrors = errorsUnder(errors, 'rateLimit');
  const chosenRoles = echoedList(state, 'roles', defaults.roleIds);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {defaults.id && <input type="hidden" name="id" value={defaults.id} />}
      <TextField
        name="name"
        label="Access Name"
        required
        maxLength={64}
        defaultValue={echoed(state, 'name', defaults.name)}
        errors={errors.name}
        hint={
          namePatterns.length > 0 && (
            <>
              Must fully match{' '}
              {namePatterns.map((pattern, i) => (
                <span key={pattern}>
                  {i > 0 && ' or '}
                  <code>{pattern}</code>
                </span>
              ))}
              .
            </>
          )
        }
      />
      <TextField
        multiline
        name="description"
        label="Description"
        rows={3}
        maxLength={1000}
        defaultValue={echoed(state, 'description', defaults.description)}
        errors={errors.description}
      />
      <TextField
        name="tags"
        label="Tags"
        defaultValue={echoed(state, 'tags', defaults.tags.join(', '))}
        errors={tagErrors}
        hint="Comma-separated, up to 20; letters, digits and - _ . : / (e.g. team:payments, env/prod)."
      />
      {roles && (
        <RolePicker
          roles={roles}
          chosen={chosenRoles}
          errors={roleErrors}
          hint="Up to 5. A key without roles verifies as valid but may do nothing on the platform."
        />
      )}
      {mode === 'create' && (
        <ExpirationField
          key={JSON.stringify(state.values ?? {})}
          errors={errors.expiresAt}
          defaultChoice={echoed(state, 'expiresIn', '30')}
          defaultCustom={echoed(state, 'expiresAtLocal')}
        />
      )}
      <TextField
        multiline
        name="allowedIps"
        label="Allowed IPs"
        rows={4}
        spellCheck={false}
        autoCapitalize="off"
        defaultValue={echoed(state, 'allowedIps', defaults.allowedIps.join('\n'))}
        errors={allowedIpErrors}
        hint="One address or CIDR block per line (203.0.113.7, 10.0.0.0/24, 2001:db8::/32), up to 100. Empty: any address."
      />
      <RateLimitField
        key={`rate-${JSON.stringify(state.values ?? {})}`}
        errors={rateLimitErrors}
        defaultLimit={echoed(state, 'rateLimit', defaults.rateLimit ? String(defaults.rateLimit.limit) : '')}
        defaultWindow={echoed(state, 'rateLimitWindow', String(defaults.rateLimit?.windowSeconds ?? 60))}
        keyWindow={defaults.rateLimit?.windowSeconds}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          {mode === 'create' ? 'Create API Access' : 'Save changes'}
        </button>
        <Link className="button" href={paths.apiAccess.table}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
