import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs } from '@/db/schema';
import { SIGN_IN_LIMIT } from '@/lib/auth/throttle';
import { generateToken } from '@/lib/tokens/token';
import { type AppServer, startAppServer } from '../support/app-server';
import { signInOverHttp } from '../support/sign-in-over-http';
import { signInThroughLoginPage } from '../support/sign-in-through-login-page';
import { expectBackAtDeepLink, expectLoginRedirect, resolvedOn } from '../support/login-redirect';
import { inDays, seedApiAccess, seedUser } from '../support/fixtures';

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ TRUST_PROXY: '1', KEYGATE_BEARER_FAILURE_LIMIT: '5' });
}, 120_000);
afterAll(() => server?.stop());

/** A sign-in as if relayed by a proxy with this X-Forwarded-For. */
async function signIn(email: string, password: string, forwardedFor: string): Promise<string> {
  const answer = await signInOverHttp(server.url, email, password, { 'x-forwarded-for': forwardedFor });
  return answer.includes('session-token=') ? 'signed in' : answer;
}

describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
  it('throttles the address the proxy saw (the right-most hop), never the owner signing in from another', async () => {
    const user = await seedUser();
    // The guesser writes whatever it likes on the left; the proxy appends the address it saw.
    for (let i = 0; i < SIGN_IN_LIMIT.perEmailAndIp; i++) {
      expect(await signIn(user.email, `guess ${i}`, `198.51.100.${i}, 203.0.113.50`)).toBe('invalid');
    }
    expect(await signIn(user.email, user.password, '203.0.113.50')).toBe('throttled');
    // A forged left-most hop changes nothing: the proxy's hop is still the guesser's.
    expect(await signIn(user.email, user.password, '192.0.2.77, 203.0.113.50')).toBe('throttled');
    // The owner, behind the same proxy but from another address, signs in.
    expect(await signIn(user.email, user.password, '203.0.113.50, 192.0.2.10')).toBe('signed in');
  });

  it('answers 429 with Retry-After to a client that keeps failing Bearer authentication, and nobody else', async () => {
    const { token } = await seedApiAccess({ roleNames: ['READ_ONLY'] });
    const list = (bearer: string, from: string) =>
      fetch(`${server.url}/api/v1/api-access?limit=1`, { headers: { authorization: `Bearer ${bearer}`, 'x-forwarded-for': from } });
    expect((await list(token, '192.0.2.80')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await list(generateToken(), '192.0.2.80')).status).toBe(401);
    const throttled = await list(generateToken(), '192.0.2.80');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.headers.get('content-type')).toContain('application/problem+json');
    // The client's real (cached) key keeps working, and other clients are not affected.
    expect((await list(token, '192.0.2.80')).status).toBe(200);
    expect((await list(generateToken(), '192.0.2.81')).status).toBe(401);
    expect((await list(token, '192.0.2.81')).status).toBe(200);
  });

  it('counts malformed tokens and missing or garbled headers too, and answers them 429 past the limit, while the cached key works', async () => {
    const { token } = await seedApiAccess({ roleNames: ['READ_ONLY'] });
    const list = (authorization: string | null) =>
      fetch(`${server.url}/api/v1/api-access?limit=1`, {
        headers: { ...(authorization === null ? {} : { authorization }), 'x-forwarded-for': '192.0.2.90' },
      });
    expect((await list(`Bearer ${token}`)).status).toBe(200);
    for (const garbled of ['Bearer kg_nope', null, 'Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${token}${token}`]) {
      expect((await list(garbled)).status).toBe(401);
    }
    for (const garbled of ['Bearer kg_nope', null, `Bearer ${generateToken()}`]) {
      const throttled = await list(garbled);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await list(`Bearer ${token}`)).status).toBe(200);
  });

  it('records the right-most hop as the client IP of an API call', async () => {
    const { token } = await seedApiAccess({ roleNames: ['ADMIN'] });
    const response = await fetch(`${server.url}/api/v1/api-access`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9, 192.0.2.33' },
      body: JSON.stringify({ name: 'relayed-create', expiresAt: inDays(10).toISOString() }),
    });
    expect(response.status).toBe(201);
    const [entry] = await db
      .select({ ip: auditLogs.ip })
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'apiAccess.create'), eq(auditLogs.targetName, 'relayed-create')))
      .orderBy(desc(auditLogs.id));
    expect(entry?.ip).toBe('192.0.2.33');
  });
});

describe('redirects behind a trusted proxy (TRUST_PROXY=1)', () => {
  const PUBLIC_ORIGIN = 'https://keys.example.com';
  const DEEP_LINK = '/access-management/api-access?q=x';
  const relayed = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'keys.example.com', 'x-forwarded-for': '192.0.2.120' };
  const resolved = resolvedOn(PUBLIC_ORIGIN);

  it('send a signed-out visitor to /login on the public origin, with the deep link as a relative callbackUrl', async () => {
    expectLoginRedirect(await fetch(`${server.url}${DEEP_LINK}`, { redirect: 'manual', headers: relayed }), PUBLIC_ORIGIN, DEEP_LINK);
  });

  it('bring the visitor back to the deep link on the public origin after signing in on the login page', async () => {
    const user = await seedUser();
    const redirect = await fetch(`${server.url}${DEEP_LINK}`, { redirect: 'manual', headers: relayed });
    const login = resolved(redirect.headers.get('location'));
    const answer = await signInThroughLoginPage(server.url, login.pathname + login.search, user, { ...relayed, origin: PUBLIC_ORIGIN });
    expectBackAtDeepLink(answer, PUBLIC_ORIGIN, DEEP_LINK);
  });
});
