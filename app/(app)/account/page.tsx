import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignOutEverywhereForm } from '@/components/account/sign-out-everywhere-form';
import { TwoFactorSection } from '@/components/two-factor/two-factor-section';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { twoFactorStatus } from '@/lib/two-factor/store';

export const metadata: Metadata = { title: 'Account · Keygate' };

/** Every signed-in user's own page: no permission needed. */
const DONE = {
  password: 'Password changed. Every other session has been signed out.',
  'signed-out': 'Every other session has been signed out.',
  'two-factor-off': 'Two-factor authentication is off.',
  'recovery-code': 'You signed in with a recovery code, which cannot be used again.',
  'passkey-renamed': 'Passkey renamed.',
  'passkey-removed': 'Passkey removed.',
} as const;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireCurrentUser();
  const { done } = await searchParams;
  let message: string | null = done && done in DONE ? DONE[done as keyof typeof DONE] : null;
  if (done === 'recovery-code') {
    const left = (await twoFactorStatus(user.id)).recoveryCodesLeft;
    message = `${message} ${left === 1 ? '1 recovery code is' : `${left} recovery codes are`} left${left <= 3 ? ': generate new ones below' : ''}.`;
  }
  return (
    <>
      <h1>Account</h1>
      {message && (
        <div role="status" className="banner banner-success">
          {message}
        </div>
      )}
      <p>
        {user.name} <span className="muted">({user.email})</span>
      </p>
      <TwoFactorSection userId={user.id} />
      <ChangePasswordForm />
      <SignOutEverywhereForm />
    </>
  );
}
