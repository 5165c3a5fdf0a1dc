import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { seedApiAccess, seedUser } from '../support/fixtures';
import { signInOverHttp } from '../support/sign-in-over-http';

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
}, 120_000);
afterAll(() => server?.stop());

const expectBaseline = (response: Response) => {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
};

describe('security headers', () => {
  it('give every page a nonce-based CSP, new on each response, that forbids framing', async () => {
    const [first, second] = await Promise.all([fetch(`${server.url}/login`), fetch(`${server.url}/login`)]);
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    // Next's own scripts carry it, so the page works under the policy.
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expectBaseline(first);
    // No HSTS over plain http (it would be ignored, and is wrong for a local http setup).
    expect(first.headers.get('strict-transport-security')).toBeNull();
  });

  it.each(['/apifoo', '/api-access', '/api'])(
    'give a page whose path only starts with "api" (%s, a 404) the nonce-based CSP',
    async (path) => {
      const user = await seedUser();
      const cookie = await signInOverHttp(server.url, user.email, user.password);
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(response.status).toBe(404);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("frame-ancestors 'none'");
      // Only the page's policy: /api/'s, added on top, would block its scripts.
      expect(policy).not.toContain("default-src 'none'");
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeDefined();
      expect(await response.text()).toContain(`nonce="${nonce}"`);
    },
  );

  // next-auth renders the first two itself, with no script at all; the last is Next's 404 under /api/.
  // Its error page is the sign-in page (below), so no next-auth page says more than that did.
  it.each(['/api/auth/signout', '/api/auth/verify-request', '/api/nothing-here'])(
    'give the HTML answer of %s a CSP that allows no script and forbids framing',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('content-type')).toContain('text/html');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('script-src');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
      expectBaseline(response);
    },
  );

  it("send next-auth's error page to the sign-in page, with the error's code only", async () => {
    const response = await fetch(`${server.url}/api/auth/error?error=Configuration`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^(https?:\/\/[^/]+)?\/login\?error=Configuration$/);
    expectBaseline(response);
  });

  it('send nosniff and no-referrer on API answers, and no-store on those that carry a token', async () => {
    const { token } = await seedApiAccess({ roleNames: ['ADMIN'] });
    const verify = await fetch(`${server.url}/api/v1/tokens/verify`, { method: 'POST', body: JSON.stringify({ token }) });
    expectBaseline(verify);
    const created = await fetch(`${server.url}/api/v1/api-access`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'header-check', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expectBaseline(created);
    const { id } = (await created.json()) as { id: string };
    const regenerated = await fetch(`${server.url}/api/v1/api-access/${id}/regenerate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ expiresAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }),
    });
    expect(regenerated.headers.get('cache-control')).toBe('no-store');
  });
});
