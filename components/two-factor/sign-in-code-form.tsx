'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { idleFormState } from '@/lib/forms/form-state';
import { signInCodeAction } from '@/lib/two-factor/actions';

/** The sign-in's second step: one field for a code from the authenticator app or a recovery code. */
export function SignInCodeForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(signInCodeAction, idleFormState);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <TextField
        name="code"
        label="Authentication code"
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        required
        autoFocus
        hint="The 6-digit code your authenticator app shows, or one of your recovery codes."
        errors={state.fieldErrors?.code}
      />
      <button type="submit" className="button primary" disabled={pending}>
        Verify
      </button>
    </form>
  );
}
