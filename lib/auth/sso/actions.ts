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
