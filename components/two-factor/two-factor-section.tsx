import { twoFactorStatus } from '@/lib/two-factor/store';
import { RECOVERY_CODE_COUNT } from '@/lib/two-factor/recovery-codes';
import { DisableTwoFactorForm } from './disable-form';
import { PasskeysSection } from './passkeys-section';
import { RegenerateCodesForm } from './regenerate-codes-form';
import { StartSetupForm } from './start-setup-form';

const SIGN_IN_ASKS = {
  both: 'a code from your authenticator app or a passkey',
  totp: 'a code from your authenticator app',
  passkey: 'a passkey',
} as const;

/**
 * The Account page's two-factor part: its state, the authenticator app, passkeys, recovery codes
 * and turning it off. Slots stay in place whatever the state, so the passkey form keeps the
 * recovery codes it shows when the page refreshes around it.
 */
export async function TwoFactorSection({ userId }: { userId: string }) {
  const status = await twoFactorStatus(userId);
  const asks = status.totp && status.passkeyCount ? 'both' : status.totp ? 'totp' : 'passkey';
  return (
    <section className="stack" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor authentication</h2>
      {status.enabled ? (
        <p>
          <strong>On</strong>: signing in asks for {SIGN_IN_ASKS[asks]}.{' '}
          <span className="muted" data-testid="recovery-codes-left">
            {status.recoveryCodesLeft} of {RECOVERY_CODE_COUNT} recovery codes left.
          </span>
        </p>
      ) : (
        <p className="muted">Off. With it on, signing in also asks for a code from an authenticator app on your phone, or a passkey.</p>
      )}
      {status.enabled && <RegenerateCodesForm />}
      <section className="stack" aria-labelledby="authenticator-app-title">
        <h3 id="authenticator-app-title">Authenticator app</h3>
        {status.totp ? <p>Set up: signing in accepts the code it shows.</p> : <StartSetupForm />}
      </section>
      <PasskeysSection userId={userId} totp={status.totp} />
      {status.enabled && <DisableTwoFactorForm />}
    </section>
  );
}
