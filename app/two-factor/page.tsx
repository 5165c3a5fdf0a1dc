import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AddPasskeyForm } from '@/components/two-factor/add-passkey-form';
import { ConfirmSetupForm } from '@/components/two-factor/confirm-setup-form';
import { StartSetupForm } from '@/components/two-factor/start-setup-form';
import { signOutAction } from '@/lib/auth/actions';
import { getCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';
import { settings } from '@/lib/settings';
import { qrCodeDataUrl } from '@/lib/two-factor/qr-code';
import { twoFactorStatus } from '@/lib/two-factor/store';
import { groupedSecret, totpUri } from '@/lib/two-factor/totp';

export const metadata: Metadata = { title: 'Set up two-factor authentication · Keygate' };

/**
 * Setting up an authenticator app, outside the app's layout: with KEYGATE_TWO_FACTOR=required,
 * a user without two-factor is sent here before any other page.
 */
export default async function TwoFactorSetupPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  const status = await twoFactorStatus(user.id);
  const required = settings().KEYGATE_TWO_FACTOR === 'required';
  return (
    <main className="login setup">
      <h1>Set up two-factor authentication</h1>
      {required && !status.enabled && (
        <p role="status" className="banner banner-warning">
          Keygate requires two-factor authentication: set up an authenticator app or add a passkey before you go on.
        </p>
      )}
      {status.pendingSecret ? (
        <>
          <p>
            Scan this QR code with an authenticator app (such as 1Password, Google Authenticator or Microsoft Authenticator), then type the
            code it shows.
          </p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server, not an asset to optimise */}
          <img
            className="qr-code"
            src={await qrCodeDataUrl(totpUri(status.pendingSecret, user.email))}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
          />
          <p>
            Or type this key into the app: <code data-testid="totp-secret">{groupedSecret(status.pendingSecret)}</code>
          </p>
          <ConfirmSetupForm />
        </>
      ) : status.totp ? (
        <p>An authenticator app is set up: two-factor authentication is on.</p>
      ) : (
        <StartSetupForm />
      )}
      {/* Always in this place: the form keeps the recovery codes it shows when the page refreshes around it. */}
      {!status.pendingSecret && (
        <section className="stack" aria-labelledby="setup-passkey-title">
          <h2 id="setup-passkey-title">Or add a passkey</h2>
          <AddPasskeyForm />
        </section>
      )}
      {!required || status.enabled ? (
        <p>
          <Link href={paths.account}>Back to Account</Link>
        </p>
      ) : (
        <form action={signOutAction} className="actions">
          <button type="submit" className="button subtle">
            Sign out
          </button>
        </form>
      )}
    </main>
  );
}
