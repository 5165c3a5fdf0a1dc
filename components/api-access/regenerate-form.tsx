'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FieldError, FormMessage, echoed } from '@/components/form-message';
import { GRACE_PERIOD_CHOICES } from '@/lib/api-access/rotation';
import { OneTimeToken } from '@/components/token-reveal';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { ExpirationField } from './expiration-field';
import { paths } from '@/lib/paths';

export function RegenerateForm({
  action,
  id,
  name,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  id: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const graceErrors = state.fieldErrors?.gracePeriodSeconds;
  if (state.status === 'success' && state.token) {
    return <OneTimeToken token={state.token} banner={state.message ?? 'API Access regenerated'} />;
  }
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <p className="banner banner-warning">
        The current token of <strong>{name}</strong> stops working the moment you regenerate, unless you keep it working for a while below:
        services using it are refused once it stops, until they get the new one.
      </p>
      <ExpirationField
        key={JSON.stringify(state.values ?? {})}
        errors={state.fieldErrors?.expiresAt}
        defaultChoice={echoed(state, 'expiresIn', '30')}
        defaultCustom={echoed(state, 'expiresAtLocal')}
      />
      <div className="field">
        <label htmlFor="gracePeriodSeconds">Keep the old token working for</label>
        <select
          id="gracePeriodSeconds"
          name="gracePeriodSeconds"
          defaultValue={echoed(state, 'gracePeriodSeconds', '0')}
          key={`grace-${JSON.stringify(state.values ?? {})}`}
          aria-invalid={graceErrors?.length ? true : undefined}
          aria-describedby={graceErrors?.length ? 'gracePeriodSeconds-hint gracePeriodSeconds-error' : 'gracePeriodSeconds-hint'}
        >
          {GRACE_PERIOD_CHOICES.map(({ label, seconds }) => (
            <option key={seconds} value={String(seconds)}>
              {label}
            </option>
          ))}
        </select>
        <p id="gracePeriodSeconds-hint" className="hint">
          Both tokens work until then, never past the old token&apos;s own expiry.
        </p>
        <FieldError id="gracePeriodSeconds-error" errors={graceErrors} />
      </div>
      <div className="actions">
        <button type="submit" className="button danger" disabled={pending}>
          Regenerate token
        </button>
        <Link className="button" href={paths.apiAccess.table}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
