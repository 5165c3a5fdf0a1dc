'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { idleFormState } from '@/lib/forms/form-state';
import { paths } from '@/lib/paths';
import { confirmTotpEnrolmentAction } from '@/lib/two-factor/actions';
import { RecoveryCodesList } from './recovery-codes-list';

/** Confirms the enrolment with a code from the app; then shows the recovery codes, once. */
export function ConfirmSetupForm() {
  const [state, action, pending] = useActionState(confirmTotpEnrolmentAction, idleFormState);
  if (state.status === 'success') {
    return (
      <div className="stack">
        <div role="status" className="banner banner-success">
          Two-factor authentication is on. From now on, signing in asks for a code from your authenticator app.
        </div>
        {/* None when a passkey turned two-factor on first: its recovery codes stand. */}
        {state.recoveryCodes && <RecoveryCodesList codes={state.recoveryCodes} />}
        <div className="actions">
          <Link href={paths.account} className="button primary">
            {state.recoveryCodes ? 'I saved my recovery codes' : 'Back to Account'}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <TextField
        name="code"
        label="Authentication code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        hint="The 6-digit code the app shows for Keygate."
        errors={state.fieldErrors?.code}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          Turn on two-factor
        </button>
      </div>
    </form>
  );
}
