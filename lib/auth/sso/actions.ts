'use server';

import { redirect } from 'next/navigation';
import { singleSignOn } from '@/lib/settings';
import { signIn } from '../next-auth';
import { sameSitePath } from '../same-site-path';
import { SSO_PROVIDER_ID } from './provider';

/** "Sign in with <OIDC_NAME>": next-auth sets the state, PKCE and nonce cookies and sends the browser to the provider. */
export async function signInWithSsoAction(form: FormData): Promise<void> {
  if (!singleSignOn()) redirect('/login');
  // Only same-site paths: an open redirect after sign-in is a phishing aid.
  await signIn(SSO_PROVIDER_ID, { redirectTo: sameSitePath(String(form.get('callbackUrl') || '/')) });
}

/**
 * A sensitive action wants a recent sign-in: the provider is asked to authenticate the person
 * again (`prompt=login`, `max_age=0`), whatever session it holds, and the new session comes back
 * to the page the form was on (`$returnTo`), where the person sends the form again.
 */
export async function signInWithSsoAgainAction(form: FormData): Promise<void> {
  if (!singleSignOn()) redirect('/login');
  const redirectTo = sameSitePath(String(form.get('$returnTo') || '/'));
  await signIn(SSO_PROVIDER_ID, { redirectTo }, { prompt: 'login', max_age: '0' });
}
