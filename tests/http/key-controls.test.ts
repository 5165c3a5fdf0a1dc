import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { inDays, seedApiAccess } from '../support/fixtures';

// Behind a trusted proxy, as a deployment with allowed IPs would run: the client address is the right-most X-Forwarded-For hop.
let server: AppServer;
let admin: string;

beforeAll(async () => {
  server = await startAppServer({ TRUST_PROXY: '1' });
  admin = (await seedApiAccess({ roleNames: ['ADMIN'] })).token;
}, 120_000);
afterAll(() => server?.stop());

const call = (method: string, path: string, body?: unknown, options: { token?: string; from?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? admin}`,
      'x-forwarded-for': options.from ?? '192.0.2.200',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const verify = (body: Record<string, unknown>) =>
  fetch(`${server.url}/api/v1/tokens/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

type Key = { id: string; name: string; allowedIps: string[]; rateLimit: { limit: number; windowSeconds: number } | null; token?: string };

describe('allowed IPs and rate limits through the REST API', () => {
  it('creates, shows and edits both, in canonical form; null and [] clear them', async () => {
    const created = await call('POST', '/api/v1/api-access', {
      name: `controlled-${Date.now()}`,
      expiresAt: inDays(30).toISOString(),
      allowedIps: ['10.0.0.0/24', '2001:DB8::/32', '::ffff:192.0.2.1', '10.0.0.0/24'],
      rateLimit: { limit: 100, windowSeconds: 60 },
    });
    expect(created.status).toBe(201);
    const key = (await expectContract('POST', '/api/v1/api-access', created)) as Key;
    expect(key).toMatchObject({ allowedIps: ['10.0.0.0/24', '2001:db8::/32', '192.0.2.1'], rateLimit: { limit: 100, windowSeconds: 60 } });

    const shown = (await expectContract('GET', '/api/v1/api-access/{accessId}', await call('GET', `/api/v1/api-access/${key.id}`))) as Key;
    expect(shown).toMatchObject({ allowedIps: key.allowedIps, rateLimit: key.rateLimit });

    const cleared = await call('PATCH', `/api/v1/api-access/${key.id}`, { allowedIps: [], rateLimit: null });
    expect(cleared.status).toBe(200);
    expect(await expectContract('PATCH', '/api/v1/api-access/{accessId}', cleared)).toMatchObject({ allowedIps: [], rateLimit: null });
  });

  it.each([
    [{ allowedIps: ['10.0.0.0/33'] }, 'allowedIps', 'the prefix length must be 0–32'],
    [{ allowedIps: ['::ffff:1.2.3.4/129'] }, 'allowedIps', 'the prefix length must be 96–128'],
    [{ allowedIps: ['abc'] }, 'allowedIps', '“abc” is not an IP address or CIDR block'],
    [{ allowedIps: ['1.2.3'] }, 'allowedIps', '“1.2.3” is not an IP address or CIDR block'],
    [{ allowedIps: ['10.0.0.5/24'] }, 'allowedIps', '10.0.0.5/24 has host bits set: did you mean 10.0.0.0/24?'],
    [{ allowedIps: Array.from({ length: 101 }, (_, i) => `10.0.${i}.1`) }, 'allowedIps', 'At most 100 allowed IPs'],
    [{ allowedIps: '10.0.0.1' }, 'allowedIps', 'allowedIps is a list'],
    [{ rateLimit: { limit: -1, windowSeconds: 60 } }, 'rateLimit.limit', 'The limit is at least 1.'],
    [{ rateLimit: { limit: 0, windowSeconds: 60 } }, 'rateLimit.limit', 'The limit is at least 1.'],
    [{ rateLimit: { limit: 10_000_000_000, windowSeconds: 60 } }, 'rateLimit.limit', 'The limit is at most 1,000,000 requests.'],
    [{ rateLimit: { limit: 2.5, windowSeconds: 60 } }, 'rateLimit.limit', 'The limit is a whole number.'],
    [{ rateLimit: { limit: 10, windowSeconds: 0 } }, 'rateLimit.windowSeconds', 'The window is at least 1.'],
    [{ rateLimit: { limit: 10, windowSeconds: 86_401 } }, 'rateLimit.windowSeconds', 'The window is at most 86,400 seconds (a day).'],
    [{ rateLimit: { limit: 10 } }, 'rateLimit.windowSeconds', 'Give the window (in seconds) the limit counts over too.'],
    [{ rateLimit: { windowSeconds: 10 } }, 'rateLimit.limit', 'Give the number of requests allowed per window too.'],
    [{ rateLimit: 'lots' }, 'rateLimit', 'rateLimit is {"limit", "windowSeconds"} or null.'],
  ])('refuses %j on create and edit with a per-field 400, writing nothing', async (controls, field, message) => {
    const name = `refused-${Math.random().toString(36).slice(2, 10)}`;
    const created = await call('POST', '/api/v1/api-access', { name, expiresAt: inDays(5).toISOString(), ...controls });
    expect(created.status).toBe(400);
    const problem = (await expectContract('POST', '/api/v1/api-access', created)) as { errors: Record<string, string[]> };
    expect(problem.errors[field]?.join(' ')).toContain(message);
    const listed = (await (await call('GET', `/api/v1/api-access?q=${name}`)).json()) as { data: unknown[] };
    expect(listed.data).toEqual([]);

    const key = await seedApiAccess({ allowedIps: ['203.0.113.0/24'], rateLimit: { limit: 5, windowSeconds: 60 } });
    const edited = await call('PATCH', `/api/v1/api-access/${key.id}`, { description: 'changed', ...controls });
    expect(edited.status).toBe(400);
    expect(((await edited.json()) as { errors: Record<string, string[]> }).errors[field]?.join(' ')).toContain(message);
    expect(await (await call('GET', `/api/v1/api-access/${key.id}`)).json()).toMatchObject({
      description: '',
      allowedIps: ['203.0.113.0/24'],
      rateLimit: { limit: 5, windowSeconds: 60 },
    });
  });

  it('refuses a 10,000-entry list with one clear 400, fast', async () => {
    const started = performance.now();
    const response = await call('POST', '/api/v1/api-access', {
      name: 'ten-thousand',
      expiresAt: inDays(5).toISOString(),
      allowedIps: Array.from({ length: 10_000 }, () => '::1'),
    });
    expect(response.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(((await response.json()) as { errors: Record<string, string[]> }).errors).toEqual({
      allowedIps: ['At most 100 allowed IPs (addresses or CIDR blocks).'],
    });
    expect(((await (await call('GET', '/api/v1/api-access?q=ten-thousand')).json()) as { data: unknown[] }).data).toEqual([]);
  });
});

describe('allowed IPs in verification over HTTP', () => {
  it('answers by the ip sent: inside, outside, missing, IPv4-mapped, IPv6; an ip that is no address is a 400', async () => {
    const { token } = await seedApiAccess({ allowedIps: ['10.0.0.0/24', '2001:db8:1::/48'] });
    expect(await (await verify({ token, ip: '10.0.0.7' })).json()).toMatchObject({ valid: true, code: 'VALID' });
    expect(await (await verify({ token, ip: '::ffff:10.0.0.7' })).json()).toMatchObject({ code: 'VALID' });
    expect(await (await verify({ token, ip: '2001:db8:1:2::3' })).json()).toMatchObject({ code: 'VALID' });
    expect(await (await verify({ token, ip: '10.0.1.7' })).json()).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await (await verify({ token, ip: '2001:db8:2::3' })).json()).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await (await verify({ token })).json()).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    for (const ip of ['10.0.0.0/24', 'localhost', '1.2.3', 42, '']) {
      const refused = await verify({ token, ip });
      expect([ip, refused.status]).toEqual([ip, 400]);
      expect(((await refused.json()) as { errors: Record<string, string[]> }).errors).toEqual({ ip: ['ip is an IPv4 or IPv6 address.'] });
    }
  });
});

describe('allowed IPs on the platform API behind a trusted proxy', () => {
  it('answers 403 problem+json to a request whose nearest hop is outside the list, and follows an edit at once', async () => {
    const { id, token } = await seedApiAccess({ roleNames: ['READ_ONLY'], allowedIps: ['192.0.2.0/28'] });
    const list = (from: string) => call('GET', '/api/v1/api-access?limit=1', undefined, { token, from });
    expect((await list('192.0.2.5')).status).toBe(200);
    // Whatever a client writes on the left, the proxy's own hop decides.
    expect((await list('198.51.100.1, 192.0.2.5')).status).toBe(200);
    const outside = await list('192.0.2.5, 198.51.100.1');
    expect(outside.status).toBe(403);
    const problem = (await expectContract('GET', '/api/v1/api-access', outside)) as { detail: string };
    expect(problem.detail).toContain('198.51.100.1');

    expect((await call('PATCH', `/api/v1/api-access/${id}`, { allowedIps: ['192.0.2.0/28', '198.51.100.1'] })).status).toBe(200);
    expect((await list('192.0.2.5, 198.51.100.1')).status).toBe(200);
    expect((await call('PATCH', `/api/v1/api-access/${id}`, { allowedIps: ['203.0.113.1'] })).status).toBe(200);
    expect((await list('192.0.2.5')).status).toBe(403);
  });
});
