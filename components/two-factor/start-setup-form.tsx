'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { idleFormState } from '@/lib/forms/form-state';
import { startTotpEnrolmentAction } from '@/lib/two-factor/actions';

/** "Set up authenticator app": asks for the password when the sign-in is older than 15 minutes. */
export function StartSetupForm() {
  const [state, action, pending] = useActionState(startTotpEnrolmentAction, idleFormState);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          Set up authenticator app
        </button>
      </div>
    </form>
  );
}
