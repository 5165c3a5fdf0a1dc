'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { appUrl } from '@/lib/app-url';
import { singleSignOn } from '@/lib/settings';
import { signIn } from '../next-auth';
import { sameSitePath } from '../same-site-path';
import { SSO_PROVIDER_ID } from './provider';

/**
 * Single sign-on completes only at APP_URL, the redirect URI's address (provider.ts): its cookies
 * (state, PKCE, nonce) must be there when the provider sends the browser back. A visitor on
 * another address (127.0.0.1 for localhost) starts from APP_URL's sign-in page instead of failing
 * at the end. The server keeps X-Forwarded-Host/-Proto only from a trusted proxy.
 */
async function startAtAppUrl(): Promise<void> {
  if (!singleSignOn()) redirect('/login');
  const request = await headers();
  const first = (name: string) => request.get(name)?.split(',')[0]?.trim();
  const expected = new URL(appUrl()).origin;
  if (originOf(first('x-forwarded-proto') ?? 'http', first('x-forwarded-host') ?? first('host')) !== expected)
    redirect(`${expected}/login`);
}

function originOf(protocol: string, host: string | undefined): string | null {
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/** "Sign in with <OIDC_NAME>": next-auth sets the state, PKCE and nonce cookies and sends the browser to the provider. */
export async function signInWithSsoAction(form: FormData): Promise<void> {
  await startAtAppUrl();
  // Only same-site paths: an open redirect after sign-in is a phishing aid.
  await signIn(SSO_PROVIDER_ID, { redirectTo: sameSitePath(String(form.get('callbackUrl') || '/')) });
}

/**
 * A sensitive action wants a recent sign-in: the provider is asked to authenticate the person
 * again (`prompt=login`, `max_age=0`), whatever session it holds, and the new session comes back
 * to the page the form was on (`$returnTo`), where the person sends the form again.
 */
export async function signInWithSsoAgainAction(form: FormData): Promise<void> {
  await startAtAppUrl();
  const redirectTo = sameSitePath(String(form.get('$returnTo') || '/'));
  await signIn(SSO_PROVIDER_ID, { redirectTo }, { prompt: 'login', max_age: '0' });
}
