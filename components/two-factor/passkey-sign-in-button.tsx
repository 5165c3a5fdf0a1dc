'use client';

import { startAuthentication } from '@simplewebauthn/browser';
import { useState, useTransition } from 'react';
import { passkeySignInAction, passkeySignInOptionsAction } from '@/lib/passkeys/actions';
import { passkeyCeremonyMessage } from './passkey-ceremony-error';

/** "Use a passkey" at the sign-in's second step, for a user who has one: passed, it goes on like a code. */
export function PasskeySignInButton({ callbackUrl }: { callbackUrl?: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const usePasskey = () =>
    startTransition(async () => {
      setMessage(null);
      const options = await passkeySignInOptionsAction();
      if (!options.passkeyOptions) return setMessage(options.message ?? 'Passkeys cannot be used now. Type a code.');
      let response: Awaited<ReturnType<typeof startAuthentication>>;
      try {
        response = await startAuthentication({ optionsJSON: JSON.parse(options.passkeyOptions) });
      } catch (error) {
        return setMessage(passkeyCeremonyMessage(error, 'use'));
      }
      // Passed, the server signs in and sends the browser on; refused, it says why.
      const result = await passkeySignInAction(JSON.stringify(response), callbackUrl ?? '');
      if (result.status === 'error') setMessage(result.message ?? 'That passkey was not accepted.');
    });
  return (
    <div className="stack">
      <p className="muted">Or, with a passkey you added to Keygate:</p>
      {message && (
        <div role="alert" className="banner banner-error">
          {message}
        </div>
      )}
      <button type="button" className="button" onClick={usePasskey} disabled={pending}>
        Use a passkey
      </button>
    </div>
  );
}
