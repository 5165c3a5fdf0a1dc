import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess } from '@/db/schema';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import type { Actor } from '@/lib/auth/actor';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
let fastPath: AppServer;
let routeHandler: AppServer;

beforeAll(async () => {
  admin = await seedActor();
  // The same build twice: once answering verification on the fast path, once through Next's route handler.
  [fastPath, routeHandler] = await Promise.all([startAppServer(), startAppServer({ KEYGATE_FAST_VERIFY: '0' })]);
}, 180_000);
afterAll(async () => {
  await Promise.all([fastPath?.stop(), routeHandler?.stop()]);
});

const servers = () =>
  [
    ['the fast path', fastPath],
    ['the route handler', routeHandler],
  ] as const;

describe.each([0, 1])('POST /api/v1/tokens/verify (contract) on %#', (index) => {
  const server = () => servers()[index]![1];
  const verify = (body: unknown) =>
    fetch(`${server().url}/api/v1/tokens/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it(`answers VALID with the key's roles and permissions (${index === 0 ? 'fast path' : 'route handler'})`, async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'] });
    const response = await verify({ token: key.token });
    expect(response.status).toBe(200);
    expect(await expectContract('POST', '/api/v1/tokens/verify', response)).toEqual({
      valid: true,
      code: 'VALID',
      accessId: key.id,
      name: expect.stringMatching(/^key-/),
      roles: ['READ_ONLY'],
      permissions: ['listApiAccess', 'getApiAccess', 'getRole', 'getUser', 'getAuditLog', 'getWebhook'],
      expiresAt: expect.stringMatching(/Z$/),
    });
    expect(await (await verify({ token: key.token, permission: 'getRole' })).json()).toMatchObject({ valid: true, code: 'VALID' });
  });

  it('answers FORBIDDEN when the key lacks the permission asked about', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'] });
    expect(await (await verify({ token: key.token, permission: 'deleteApiAccess' })).json()).toEqual({ valid: false, code: 'FORBIDDEN' });
  });

  it("answers IP_NOT_ALLOWED outside a key's allowed IPs or without an ip, and 400 for an ip that is no address", async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'], allowedIps: ['10.0.0.0/24'] });
    expect(await (await verify({ token: key.token, ip: '::ffff:10.0.0.7', permission: 'getRole' })).json()).toMatchObject({
      code: 'VALID',
    });
    for (const body of [
      { token: key.token, ip: '10.0.1.7' },
      { token: key.token },
      { token: key.token, ip: '10.0.1.7', permission: 'deleteApiAccess' },
    ]) {
      const response = await verify(body);
      expect(await expectContract('POST', '/api/v1/tokens/verify', response)).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    }
    const refused = await verify({ token: key.token, ip: '10.0.0.0/24' });
    expect(refused.status).toBe(400);
    expect(await expectContract('POST', '/api/v1/tokens/verify', refused)).toMatchObject({
      errors: { ip: ['ip is an IPv4 or IPv6 address.'] },
    });
  });

  it('answers VALID for a key without roles, with no permissions', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: [] });
    expect(await (await verify({ token: key.token })).json()).toMatchObject({ valid: true, roles: [], permissions: [] });
  });

  it('answers MALFORMED for a bad shape or checksum, NOT_FOUND for unknown and deleted keys, EXPIRED past expiry', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: [] });
    const mistyped = key.token.slice(0, 10) + (key.token[10] === 'a' ? 'b' : 'a') + key.token.slice(11);
    for (const token of ['', 'kg_short', mistyped, key.token.replace('kg_', 'gh_'), 'kg_'.padEnd(5000, 'x')]) {
      const response = await verify({ token });
      expect(await expectContract('POST', '/api/v1/tokens/verify', response)).toEqual({ valid: false, code: 'MALFORMED' });
    }
    expect(await (await verify({ token: 'kg_00000000000000000000000000000000000000000002CZclj' })).json()).toEqual({
      valid: false,
      code: 'NOT_FOUND',
    });
    const expired = await seedApiAccess({ actor: admin, roleNames: [] });
    await db
      .update(apiAccess)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(apiAccess.id, expired.id));
    expect(await (await verify({ token: expired.token })).json()).toEqual({ valid: false, code: 'EXPIRED' });
  });

  it('answers 400 only for a body that is not the right shape, and 413 over 64 KiB', async () => {
    for (const body of ['not json', '[]', { permission: 'getRole' }, { token: 42 }, { token: 'kg_x', permission: 'launchMissiles' }]) {
      const response = await verify(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      await expectContract('POST', '/api/v1/tokens/verify', response);
    }
    const huge = await verify({ token: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
  });
});

describe('invalidation across instances', () => {
  it('a key deleted elsewhere stops verifying in both servers within a second (LISTEN/NOTIFY)', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: [] });
    for (const [, server] of servers()) {
      const warm = await fetch(`${server.url}/api/v1/tokens/verify`, { method: 'POST', body: JSON.stringify({ token: key.token }) });
      expect(await warm.json()).toMatchObject({ code: 'VALID' });
    }
    // This test process is a third instance: it deletes through the domain, and the servers only hear of it by NOTIFY.
    expect(await deleteApiAccess(admin, { id: key.id })).toMatchObject({ ok: true });
    const deletedAt = Date.now();
    for (const [label, server] of servers()) {
      await expect
        .poll(
          async () =>
            (
              await (
                await fetch(`${server.url}/api/v1/tokens/verify`, { method: 'POST', body: JSON.stringify({ token: key.token }) })
              ).json()
            ).code,
          { timeout: 1000, interval: 20 },
        )
        .toBe('NOT_FOUND');
      expect(Date.now() - deletedAt, label).toBeLessThan(1000);
    }
  });

  it('counts VALID verifications as uses of the key', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: [] });
    await fetch(`${fastPath.url}/api/v1/tokens/verify`, { method: 'POST', body: JSON.stringify({ token: key.token }) });
    await fetch(`${fastPath.url}/api/v1/tokens/verify`, {
      method: 'POST',
      body: JSON.stringify({ token: key.token, permission: 'getRole' }),
    });
    await expect
      .poll(async () => (await db.select().from(apiAccess).where(eq(apiAccess.id, key.id)))[0]?.lastUsedAt, { timeout: 5000 })
      .not.toBeNull();
  });
});
