import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignOutEverywhereForm } from '@/components/account/sign-out-everywhere-form';
import { requireCurrentUser } from '@/lib/auth/current-actor';

export const metadata: Metadata = { title: 'Account · Keygate' };

/** Every signed-in user's own page: no permission needed. */
const DONE = {
  password: 'Password changed. Every other session has been signed out.',
  'signed-out': 'Every other session has been signed out.',
} as const;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireCurrentUser();
  const { done } = await searchParams;
  const message = done && done in DONE ? DONE[done as keyof typeof DONE] : null;
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
      <ChangePasswordForm />
      <SignOutEverywhereForm />
    </>
  );
}
