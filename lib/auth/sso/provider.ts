import type { OIDCConfig } from 'next-auth/providers';
import { appUrl } from '@/lib/app-url';
import { singleSignOn } from '@/lib/settings';
import { SESSION_ABSOLUTE_SECONDS } from '../session-rules';

/** The provider's id: its redirect URI is `<APP_URL>/api/auth/callback/oidc` (SPEC §10). */
export const SSO_PROVIDER_ID = 'oidc';

/**
 * next-auth's OpenID Connect provider from the settings, or none when single sign-on is not
 * configured (next-auth then refuses its routes: no provider of that id). Authorization code with
 * PKCE, state and nonce. `idToken: false` makes next-auth read the userinfo endpoint too: several
 * providers (Okta, oidc-provider) put `email` there and not in the ID token of a code flow.
 *
 * The redirect URI is pinned to APP_URL through next-auth's `redirectProxyUrl` (made for
 * providers that accept one redirect URI): next-auth otherwise builds it from the request's URL,
 * which is the Host header when the sign-in starts (a server action) but the server's own
 * address (`localhost:<port>`) on the callback, so the code exchange would name another
 * redirect URI than the authorization did, and the provider would refuse it.
 */
export function ssoProviders(): OIDCConfig<Record<string, unknown>>[] {
  const sso = singleSignOn();
  if (!sso) return [];
  return [
    {
      id: SSO_PROVIDER_ID,
      name: sso.name,
      type: 'oidc',
      issuer: sso.issuer,
      clientId: sso.clientId,
      clientSecret: sso.clientSecret,
      checks: ['pkce', 'state', 'nonce'],
      // max_age: a provider must then say when the person authenticated (`auth_time`, OIDC Core
      // 3.1.2.1), which recent sign-in counts from; and one signed in there over a day ago, as long
      // as a Keygate session may last, is asked again.
      authorization: { params: { scope: 'openid email profile', max_age: String(SESSION_ABSOLUTE_SECONDS) } },
      idToken: false,
      redirectProxyUrl: `${appUrl()}/api/auth`,
    },
  ];
}
