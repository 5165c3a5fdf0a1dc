import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInCodeForm } from '@/components/two-factor/sign-in-code-form';
import { signOutAction } from '@/lib/auth/actions';
import { auth } from '@/lib/auth/next-auth';
import { sessionClaims } from '@/lib/auth/session-rules';
import { pendingSignInUser } from '@/lib/two-factor/pending-sign-in';

export const metadata: Metadata = { title: 'Authentication code · Keygate' };

/** The sign-in's second step, for a session past the password and waiting for its code (nothing else gets here). */
export default async function SignInCodePage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const session = await auth();
  if (!(await pendingSignInUser(session?.user?.id, sessionClaims(session)))) redirect('/login');
  const { callbackUrl } = await searchParams;
  return (
    <main className="login">
      <h1>Keygate</h1>
      <p className="muted">Two-factor authentication: one more step to sign in.</p>
      <SignInCodeForm callbackUrl={callbackUrl?.startsWith('/') ? callbackUrl : undefined} />
      <form action={signOutAction} className="actions">
        <button type="submit" className="button subtle">
          Cancel and sign in again
        </button>
      </form>
    </main>
  );
}
