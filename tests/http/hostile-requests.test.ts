import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { seedApiAccess } from '../support/fixtures';

let server: AppServer;
let token: string;
let keyId: string;
let roleId: string;

beforeAll(async () => {
  server = await startAppServer();
  const key = await seedApiAccess({ roleNames: ['ADMIN'] });
  token = key.token;
  keyId = key.id;
  const roles = await fetch(`${server.url}/api/v1/roles`, { headers: { authorization: `Bearer ${token}` } });
  roleId = ((await roles.json()) as { data: { id: string; name: string }[] }).data.find((role) => role.name === 'READ_ONLY')!.id;
}, 120_000);
afterAll(() => server?.stop());

const BODY_ROUTES = () =>
  [
    ['POST', '/api/v1/api-access', '/api/v1/api-access'],
    ['PATCH', `/api/v1/api-access/${keyId}`, '/api/v1/api-access/{accessId}'],
    ['POST', `/api/v1/api-access/${keyId}/regenerate`, '/api/v1/api-access/{accessId}/regenerate'],
    ['POST', '/api/v1/api-access/bulk-delete', '/api/v1/api-access/bulk-delete'],
    ['POST', '/api/v1/roles', '/api/v1/roles'],
    ['PATCH', `/api/v1/roles/${roleId}`, '/api/v1/roles/{id}'],
  ] as const;

const send = (method: string, path: string, body: string, contentType?: string) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });

describe('hostile requests to every route', () => {
  it('answer 413 to a 1 MB body, 415 to a form or XML, 400 to broken JSON, and keep serving', async () => {
    const megabyte = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    for (const [method, path, template] of BODY_ROUTES()) {
      const large = await send(method, path, megabyte, 'application/json');
      expect([method, path, large.status]).toEqual([method, path, 413]);
      await expectContract(method, template, large);
      for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const wrong = await send(method, path, 'name=x', type);
        expect([method, path, type, wrong.status]).toEqual([method, path, type, 415]);
        await expectContract(method, template, wrong);
      }
      const broken = await send(method, path, '{"name": ', 'application/json');
      expect([method, path, broken.status]).toEqual([method, path, 400]);
    }
    // Verification takes what curl -d sends (a form type) as JSON, as its README example does; 1 MB is 413.
    const verify = (body: string, type?: string) => send('POST', '/api/v1/tokens/verify', body, type);
    expect(await (await verify(JSON.stringify({ token }), 'application/x-www-form-urlencoded')).json()).toMatchObject({ valid: true });
    expect((await verify(JSON.stringify({ token: 'x'.repeat(1024 * 1024) }))).status).toBe(413);
    expect((await fetch(`${server.url}/api/v1/api-access/${keyId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it.each(["ak_' OR '1'='1", 'ak_..%2F..%2Fetc', 'ak_%00', 'x'.repeat(300), 'AK_AAAAAAAAAAAAAAAAAAAA', '%E2%80%AE'])(
    'answer 404 to the Access ID %j in every URL',
    async (id) => {
      for (const [method, path] of [
        ['GET', `/api/v1/api-access/${id}`],
        ['PATCH', `/api/v1/api-access/${id}`],
        ['DELETE', `/api/v1/api-access/${id}`],
        ['POST', `/api/v1/api-access/${id}/regenerate`],
        ['GET', `/api/v1/roles/${id}`],
      ] as const) {
        const body =
          method === 'PATCH'
            ? '{"description":"x"}'
            : method === 'POST'
              ? `{"expiresAt":"${new Date(Date.now() + 86_400_000).toISOString()}"}`
              : undefined;
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
    },
  );
});

describe('single sign-on, not configured (no OIDC_ settings)', () => {
  it('shows nothing of it on the sign-in page, and next-auth refuses its routes without saying why', async () => {
    expect(await (await fetch(`${server.url}/login`)).text()).not.toContain('Sign in with');
    for (const path of ['/api/auth/callback/oidc?code=made-up&state=made-up', '/api/auth/signin/oidc']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect([path, response.status]).toEqual([path, 302]);
      const location = new URL(response.headers.get('location')!, server.url);
      expect(location.pathname + location.search).toBe('/login?error=Configuration');
      expect(response.headers.get('set-cookie') ?? '').not.toContain('session-token');
    }
    const page = await (await fetch(`${server.url}/login?error=Configuration`)).text();
    expect(page).toContain('Sign-in did not complete. Try again.');
    expect(page).not.toContain('oidc');
  });
});
