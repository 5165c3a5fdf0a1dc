import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PasskeySignInButton } from '@/components/two-factor/passkey-sign-in-button';
import { SignInCodeForm } from '@/components/two-factor/sign-in-code-form';
import { signOutAction } from '@/lib/auth/actions';
import { auth } from '@/lib/auth/next-auth';
import { sessionClaims } from '@/lib/auth/session-rules';
import { credentialsOf } from '@/lib/passkeys/store';
import { pendingSignInUser } from '@/lib/two-factor/pending-sign-in';

export const metadata: Metadata = { title: 'Authentication code · Keygate' };

/** The sign-in's second step, for a session past the password and waiting for its code or passkey (nothing else gets here). */
export default async function SignInCodePage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const session = await auth();
  const user = await pendingSignInUser(session?.user?.id, sessionClaims(session));
  if (!user) redirect('/login');
  const hasPasskeys = (await credentialsOf(user.id)).length > 0;
  const { callbackUrl } = await searchParams;
  const backTo = callbackUrl?.startsWith('/') ? callbackUrl : undefined;
  return (
    <main className="login">
      <h1>Keygate</h1>
      <p className="muted">Two-factor authentication: one more step to sign in.</p>
      <SignInCodeForm callbackUrl={backTo} />
      {hasPasskeys && <PasskeySignInButton callbackUrl={backTo} />}
      <form action={signOutAction} className="actions">
        <button type="submit" className="button subtle">
          Cancel and sign in again
        </button>
      </form>
    </main>
  );
}
