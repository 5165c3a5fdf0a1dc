import type { SsoRefusal } from './sign-in';

/**
 * What the sign-in page says after single sign-on did not sign someone in: the reason from
 * lib/auth/sso/sign-in.ts (`?sso=`), or only that it did not complete when next-auth refused the
 * provider's answer (`?error=`: state, PKCE, a cancelled sign-in; the detail is in the server log).
 */
export function ssoMessage(providerName: string, query: { sso?: string; error?: string }): string | undefined {
  const refusals: Record<SsoRefusal, string> = {
    unknown: `No Keygate user has the email address ${providerName} gave for you. Ask an administrator to add you with that email, then try again.`,
    unverified: `${providerName} did not confirm that your email address is verified, so Keygate cannot tell who you are. Ask your identity provider's administrator.`,
    disabled: 'This account is disabled. Ask an administrator to enable it.',
    unavailable: 'Keygate cannot reach its database right now, so nobody can sign in. Try again in a minute.',
  };
  if (query.sso && Object.hasOwn(refusals, query.sso)) return refusals[query.sso as SsoRefusal];
  // A password posted straight to next-auth's endpoint (not the form) fails as CredentialsSignin: not single sign-on's.
  if (query.sso || (query.error && query.error !== 'CredentialsSignin'))
    return `Signing in with ${providerName} did not complete. Try again.`;
  return undefined;
}
