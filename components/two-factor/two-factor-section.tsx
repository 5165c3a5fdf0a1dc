import { twoFactorStatus } from '@/lib/two-factor/store';
import { RECOVERY_CODE_COUNT } from '@/lib/two-factor/recovery-codes';
import { DisableTwoFactorForm } from './disable-form';
import { RegenerateCodesForm } from './regenerate-codes-form';
import { StartSetupForm } from './start-setup-form';

/** The Account page's two-factor part: set it up, or see it is on, renew recovery codes, turn it off. */
export async function TwoFactorSection({ userId }: { userId: string }) {
  const status = await twoFactorStatus(userId);
  return (
    <section className="stack" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor authentication</h2>
      {status.enabled ? (
        <>
          <p>
            <strong>On</strong>: signing in asks for a code from your authenticator app.{' '}
            <span className="muted" data-testid="recovery-codes-left">
              {status.recoveryCodesLeft} of {RECOVERY_CODE_COUNT} recovery codes left.
            </span>
          </p>
          <RegenerateCodesForm />
          <DisableTwoFactorForm />
        </>
      ) : (
        <>
          <p className="muted">Off. With it on, signing in also asks for a code from an authenticator app on your phone.</p>
          <StartSetupForm />
        </>
      )}
    </section>
  );
}
