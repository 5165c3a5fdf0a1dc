'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { idleFormState } from '@/lib/forms/form-state';
import { regenerateRecoveryCodesAction } from '@/lib/two-factor/actions';
import { RecoveryCodesList } from './recovery-codes-list';

export function RegenerateCodesForm() {
  const [state, action, pending] = useActionState(regenerateRecoveryCodesAction, idleFormState);
  if (state.status === 'success' && state.recoveryCodes) return <RecoveryCodesList codes={state.recoveryCodes} />;
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          Generate new recovery codes
        </button>
      </div>
    </form>
  );
}
