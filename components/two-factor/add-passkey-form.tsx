'use client';

import { startRegistration } from '@simplewebauthn/browser';
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { echoed, FormMessage } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { finishPasskeyRegistrationAction, startPasskeyRegistrationAction } from '@/lib/passkeys/actions';
import { passkeyCeremonyMessage } from './passkey-ceremony-error';
import { RecoveryCodesList } from './recovery-codes-list';

/**
 * "Add a passkey": the server's options (after a recent sign-in), the browser's ceremony, the
 * server's check. When it was the first second factor, the recovery codes are shown here, once.
 */
export function AddPasskeyForm() {
  const [round, setRound] = useState(0);
  return <AddPasskeyRound key={round} onDone={() => setRound((n) => n + 1)} />;
}

function AddPasskeyRound({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(async (_previous: FormState, form: FormData): Promise<FormState> => {
    const name = String(form.get('passkeyName') ?? '');
    const started = await startPasskeyRegistrationAction(idleFormState, form);
    if (started.status !== 'success' || !started.passkeyOptions) return started;
    let response: Awaited<ReturnType<typeof startRegistration>>;
    try {
      response = await startRegistration({ optionsJSON: JSON.parse(started.passkeyOptions) });
    } catch (error) {
      return { status: 'error', message: passkeyCeremonyMessage(error, 'add'), values: { passkeyName: name } };
    }
    const finish = new FormData();
    finish.set('passkeyName', name);
    finish.set('response', JSON.stringify(response));
    const finished = await finishPasskeyRegistrationAction(idleFormState, finish);
    // The list above shows the new passkey; this form keeps its state (and any recovery codes) through the refresh.
    if (finished.status === 'success') router.refresh();
    return finished.status === 'success' ? finished : { ...finished, values: { passkeyName: name } };
  }, idleFormState);

  if (state.status === 'success') {
    return (
      <div className="stack">
        <div role="status" className="banner banner-success">
          {state.message}
          {state.recoveryCodes && ' Two-factor authentication is on: signing in now asks for a passkey or a code.'}
        </div>
        {state.recoveryCodes && <RecoveryCodesList codes={state.recoveryCodes} />}
        <div className="actions">
          <button type="button" className="button" onClick={onDone}>
            {state.recoveryCodes ? 'I saved my recovery codes' : 'Add another passkey'}
          </button>
        </div>
      </div>
    );
  }
  return (
    <form action={action} className="stack" noValidate aria-label="Add a passkey">
      <FormMessage state={state} />
      <TextField
        name="passkeyName"
        label="Passkey name"
        defaultValue={echoed(state, 'passkeyName')}
        maxLength={64}
        required
        hint="To tell your passkeys apart, such as “MacBook Touch ID” or “YubiKey”."
        errors={state.fieldErrors?.name}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          Add a passkey
        </button>
      </div>
    </form>
  );
}
