import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { SsoSignIn } from '@/components/sso-sign-in';
import { getCurrentUser } from '@/lib/auth/current-actor';
import { ssoMessage } from '@/lib/auth/sso/messages';
import { singleSignOn } from '@/lib/settings';

export const metadata: Metadata = { title: 'Sign in · Keygate' };

type Query = { callbackUrl?: string; sso?: string; error?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Query> }) {
  if (await getCurrentUser()) redirect('/');
  const { callbackUrl, ...outcome } = await searchParams;
  const sso = singleSignOn();
  // After a sign-in next-auth refused (`?error=`) or single sign-on matched to no one (`?sso=`).
  const message = (sso && ssoMessage(sso.name, outcome)) || (outcome.error && 'Sign-in did not complete. Try again.');
  // The proxy passes a path; links made before it did carry an absolute URL: keep only its path.
  let next: string | undefined;
  try {
    const url = callbackUrl ? new URL(callbackUrl, 'http://local') : undefined;
    next = url && url.pathname + url.search;
  } catch {
    next = undefined;
  }
  return (
    <main className="login">
      <h1>Keygate</h1>
      <p className="muted">Sign in to manage API Access.</p>
      {message && (
        <div role="alert" className="banner banner-error">
          {message}
        </div>
      )}
      <LoginForm callbackUrl={next} />
      {sso && <SsoSignIn name={sso.name} callbackUrl={next} />}
    </main>
  );
}
