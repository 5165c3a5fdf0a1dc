'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { idleFormState } from '@/lib/forms/form-state';
import { disableTwoFactorAction } from '@/lib/two-factor/actions';

/** Turning two-factor off: always with the current password. */
export function DisableTwoFactorForm() {
  const [state, action, pending] = useActionState(disableTwoFactorAction, idleFormState);
  return (
    <form action={action} className="stack" noValidate aria-labelledby="two-factor-off-title">
      <h3 id="two-factor-off-title">Turn off two-factor</h3>
      <p className="muted">Removes your authenticator app, your passkeys and your recovery codes.</p>
      <FormMessage state={state} />
      <TextField
        // Not "password": the Account page's other forms have a field of that name (ids are names).
        name="twoFactorOffPassword"
        label="Your password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={pending}>
          Turn off two-factor
        </button>
      </div>
    </form>
  );
}
