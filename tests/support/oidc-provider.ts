import { once } from 'node:events';
import type { Server } from 'node:http';
// panva's oidc-provider: a certified OpenID Connect provider, run for real (no mock of next-auth).
import Provider from 'oidc-provider';

export const OIDC_TEST_CLIENT = { id: 'keygate-tests', secret: 'keygate-tests-oidc-client-secret' };

/** What the provider says of an account. The login typed on its page is the account: see startOidcProvider. */
export function oidcTestClaims(login: string) {
  const [, prefix, email = login] = /^(unverified|stale):(.*)$/.exec(login) ?? [];
  return { sub: login, email, email_verified: prefix !== 'unverified', name: `SSO ${email}` };
}

/**
 * An OpenID Connect provider on 127.0.0.1 (http: Keygate allows http issuers on loopback only)
 * with one client, registered for Keygate's callback. Its development login page takes any login
 * and password: the login is the account, and its email is that login (`unverified:<email>`: the
 * same email, not verified; `stale:<email>`: authenticated an hour ago, as a session long open at
 * the provider would say in `auth_time`). Accounts and grants live in memory.
 */
export async function startOidcProvider(options: { port: number; redirectUri: string }) {
  const issuer = `http://127.0.0.1:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_TEST_CLIENT.id,
        client_secret: OIDC_TEST_CLIENT.secret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_context: unknown, login: string) => ({ accountId: login, claims: () => oidcTestClaims(login) }),
    cookies: { keys: ['keygate-tests-oidc-cookie-key'] },
    // Keygate sends PKCE: require it, as a careful provider does.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = (request, response, result, ...rest) => {
    if (result.login?.accountId.startsWith('stale:')) result.login.ts = Math.floor(Date.now() / 1000) - 3600;
    return finish(request, response, result, ...rest);
  };
  const server: Server = provider.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
