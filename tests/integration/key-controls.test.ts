import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, auditLogs } from '@/db/schema';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { bearerActor } from '@/lib/api/bearer-actor';
import type { Actor } from '@/lib/auth/actor';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { verifyToken } from '@/lib/tokens/verify-token';
import { inDays, seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
beforeAll(async () => {
  admin = await seedActor();
});

const verify = (token: string, ip?: string, permission?: 'listApiAccess' | 'getRole') =>
  verifyToken({ token, ...(ip === undefined ? {} : { ip }), ...(permission ? { permission } : {}) });

const asBearerFrom = (token: string, ip: string) =>
  bearerActor(new Request('http://keygate.test/api/v1/roles', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip } }));

const keyRow = async (id: string) => (await db.select().from(apiAccess).where(eq(apiAccess.id, id)))[0]!;

describe('allowed IPs in verification (SPEC §3, §7)', () => {
  it('answers VALID inside, IP_NOT_ALLOWED outside and without an ip (fails closed)', async () => {
    const key = await seedApiAccess({ actor: admin, allowedIps: ['10.0.0.0/24', '203.0.113.9', '2001:db8::/32'] });
    expect(key.apiAccess.allowedIps).toEqual(['10.0.0.0/24', '203.0.113.9', '2001:db8::/32']);
    expect(await verify(key.token, '10.0.0.7')).toMatchObject({ valid: true, code: 'VALID' });
    expect(await verify(key.token, '203.0.113.9')).toMatchObject({ code: 'VALID' });
    expect(await verify(key.token, '2001:db8:ffff::1')).toMatchObject({ code: 'VALID' });
    expect(await verify(key.token, '10.0.1.7')).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await verify(key.token, '203.0.113.10')).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await verify(key.token, '2001:db9::1')).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await verify(key.token)).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
  });

  it('treats an IPv4-mapped IPv6 address as IPv4', async () => {
    const key = await seedApiAccess({ actor: admin, allowedIps: ['10.0.0.0/24'] });
    expect(await verify(key.token, '::ffff:10.0.0.7')).toMatchObject({ code: 'VALID' });
    expect(await verify(key.token, '::ffff:10.0.9.7')).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
  });

  it('checks the address after the status and before the permission', async () => {
    const key = await seedApiAccess({ actor: admin, allowedIps: ['10.0.0.0/24'] });
    expect(await verify(key.token, '192.0.2.1', 'getRole')).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await verify(key.token, '10.0.0.1', 'getRole')).toEqual({ valid: false, code: 'FORBIDDEN' });
    await updateApiAccess(admin, { id: key.id, enabled: false });
    expect(await verify(key.token, '192.0.2.1')).toEqual({ valid: false, code: 'DISABLED' });
  });

  it('lets a key without allowed IPs verify from anywhere, or with no ip at all', async () => {
    const key = await seedApiAccess({ actor: admin });
    expect(key.apiAccess.allowedIps).toEqual([]);
    expect(await verify(key.token)).toMatchObject({ code: 'VALID' });
    expect(await verify(key.token, '2001:db8::1')).toMatchObject({ code: 'VALID' });
  });

  it('takes an edit of the list into account at once, though the key was cached', async () => {
    const key = await seedApiAccess({ actor: admin });
    expect(await verify(key.token, '192.0.2.1')).toMatchObject({ code: 'VALID' });

    expect(await updateApiAccess(admin, { id: key.id, allowedIps: ['10.0.0.0/8'] })).toMatchObject({
      ok: true,
      data: { allowedIps: ['10.0.0.0/8'] },
    });
    expect(await verify(key.token, '192.0.2.1')).toEqual({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect(await verify(key.token, '10.9.8.7')).toMatchObject({ code: 'VALID' });

    await updateApiAccess(admin, { id: key.id, allowedIps: [] });
    expect(await verify(key.token, '192.0.2.1')).toMatchObject({ code: 'VALID' });
  });

  it('refuses the platform API from outside the list with a 403, not a failed authentication', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'], allowedIps: ['198.51.100.0/24'] });
    expect(await asBearerFrom(key.token, '198.51.100.9')).toMatchObject({ ok: true, data: { id: key.id } });
    expect(await asBearerFrom(key.token, '::ffff:198.51.100.9')).toMatchObject({ ok: true });
    expect(await asBearerFrom(key.token, '192.0.2.1')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringContaining('outside its allowed IPs'),
    });
  });
});

describe('rate limits as data (SPEC §7)', () => {
  it('stores a limit, shows it, hands it to the verifier, and clears it with null', async () => {
    const key = await seedApiAccess({ actor: admin, rateLimit: { limit: 100, windowSeconds: 60 } });
    expect(key.apiAccess.rateLimit).toEqual({ limit: 100, windowSeconds: 60 });
    expect(await verify(key.token)).toMatchObject({ code: 'VALID' });
    // What verification holds (from the cache, or loaded again when a change notice has just emptied it).
    const holderOf = async () => {
      const found = await tokenRuntime().verifier.find(key.token);
      return found.kind === 'found' ? found.holder : null;
    };
    expect((await holderOf())?.rateLimit).toEqual({ limit: 100, windowSeconds: 60 });

    expect(await updateApiAccess(admin, { id: key.id, rateLimit: { limit: 5, windowSeconds: 1 } })).toMatchObject({
      ok: true,
      data: { rateLimit: { limit: 5, windowSeconds: 1 } },
    });
    expect((await holderOf())?.rateLimit).toEqual({ limit: 5, windowSeconds: 1 });

    expect(await updateApiAccess(admin, { id: key.id, rateLimit: null })).toMatchObject({ ok: true, data: { rateLimit: null } });
    expect(await keyRow(key.id)).toMatchObject({ rateLimitLimit: null, rateLimitWindowSeconds: null });
    // Leaving it out changes nothing.
    await updateApiAccess(admin, { id: key.id, rateLimit: { limit: 7, windowSeconds: 3600 } });
    expect(await updateApiAccess(admin, { id: key.id, description: 'still limited' })).toMatchObject({
      data: { rateLimit: { limit: 7, windowSeconds: 3600 } },
    });
  });

  it('is refused by the database when half given, whatever writes it', async () => {
    const key = await seedApiAccess({ actor: admin });
    await expect(db.update(apiAccess).set({ rateLimitLimit: 10 }).where(eq(apiAccess.id, key.id))).rejects.toThrow();
    expect(await keyRow(key.id)).toMatchObject({ rateLimitLimit: null });
  });
});

describe('the audit log records both controls', () => {
  it('keeps their before and after', async () => {
    const key = await seedApiAccess({ actor: admin, allowedIps: ['10.0.0.1'] });
    await updateApiAccess(admin, { id: key.id, allowedIps: ['10.0.0.0/24', '2001:db8::/48'], rateLimit: { limit: 10, windowSeconds: 60 } });
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.targetId, key.id)).orderBy(desc(auditLogs.id)).limit(1);
    expect(entry).toMatchObject({
      action: 'apiAccess.update',
      changes: {
        before: { allowedIps: ['10.0.0.1'], rateLimit: null },
        after: { allowedIps: ['10.0.0.0/24', '2001:db8::/48'], rateLimit: { limit: 10, windowSeconds: 60 } },
      },
    });
  });
});

describe('hostile input to the controls', () => {
  const countKeys = async () => (await db.select({ id: apiAccess.id }).from(apiAccess)).length;

  it.each([
    [['10.0.0.0/33'], 'the prefix length must be 0–32'],
    [['::ffff:1.2.3.4/129'], 'the prefix length must be 96–128'],
    [['abc'], '“abc” is not an IP address or CIDR block'],
    [['1.2.3'], '“1.2.3” is not an IP address or CIDR block'],
    [['10.0.0.5/24'], '10.0.0.5/24 has host bits set: did you mean 10.0.0.0/24?'],
    [[''], 'is not an IP address or CIDR block'],
    [[42], 'Each allowed IP is a string.'],
    ['10.0.0.0/24', 'allowedIps is a list'],
  ])('refuses allowedIps %j, saying why, and writes nothing', async (allowedIps, message) => {
    const before = await countKeys();
    const result = await createApiAccess(admin, {
      name: `bad-ips-${Math.random()}`,
      expiresAt: inDays(5),
      allowedIps: allowedIps as never,
    });
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(
      Object.values(result.ok ? {} : (result.fieldErrors ?? {}))
        .flat()
        .join(' '),
    ).toContain(message);
    expect(Object.keys(result.ok ? {} : (result.fieldErrors ?? {})).every((field) => field.startsWith('allowedIps'))).toBe(true);
    expect(await countKeys()).toBe(before);
  });

  it('refuses 101 entries, and a 10,000-entry list fast with one message', async () => {
    const before = await countKeys();
    const ips101 = Array.from({ length: 101 }, (_, i) => `10.${i}.0.0/16`);
    expect(await createApiAccess(admin, { name: 'too-many', expiresAt: inDays(5), allowedIps: ips101 })).toMatchObject({
      ok: false,
      fieldErrors: { allowedIps: ['At most 100 allowed IPs (addresses or CIDR blocks).'] },
    });
    const started = performance.now();
    const huge = Array.from({ length: 10_000 }, (_, i) => `10.${i % 256}.${Math.floor(i / 256)}.1`);
    expect(await createApiAccess(admin, { name: 'far-too-many', expiresAt: inDays(5), allowedIps: huge })).toMatchObject({
      ok: false,
      fieldErrors: { allowedIps: ['At most 100 allowed IPs (addresses or CIDR blocks).'] },
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(await countKeys()).toBe(before);
  });

  it.each([
    [{ limit: -1, windowSeconds: 60 }, 'rateLimit.limit', 'The limit is at least 1.'],
    [{ limit: 0, windowSeconds: 60 }, 'rateLimit.limit', 'The limit is at least 1.'],
    [{ limit: 1_000_001, windowSeconds: 60 }, 'rateLimit.limit', 'The limit is at most 1,000,000 requests.'],
    [{ limit: 1e300, windowSeconds: 60 }, 'rateLimit.limit', 'The limit is at most 1,000,000 requests.'],
    [{ limit: 1.5, windowSeconds: 60 }, 'rateLimit.limit', 'The limit is a whole number.'],
    [{ limit: '10', windowSeconds: 60 }, 'rateLimit.limit', 'The limit is a whole number.'],
    [{ limit: 10, windowSeconds: 0 }, 'rateLimit.windowSeconds', 'The window is at least 1.'],
    [{ limit: 10, windowSeconds: -60 }, 'rateLimit.windowSeconds', 'The window is at least 1.'],
    [{ limit: 10, windowSeconds: 86_401 }, 'rateLimit.windowSeconds', 'The window is at most 86,400 seconds (a day).'],
    [{ limit: 10, windowSeconds: 90.5 }, 'rateLimit.windowSeconds', 'The window is a whole number.'],
    [{ limit: 10 }, 'rateLimit.windowSeconds', 'Give the window (in seconds) the limit counts over too.'],
    [{ windowSeconds: 60 }, 'rateLimit.limit', 'Give the number of requests allowed per window too.'],
    [{ limit: 10, windowSeconds: 60, burst: 5 }, 'rateLimit', 'rateLimit takes limit and windowSeconds only, not burst.'],
    [100, 'rateLimit', 'rateLimit is {"limit", "windowSeconds"} or null.'],
  ])('refuses rateLimit %j by field, and writes nothing', async (rateLimit, field, message) => {
    const key = await seedApiAccess({ actor: admin });
    const result = await updateApiAccess(admin, { id: key.id, name: `${key.apiAccess.name}-renamed`, rateLimit: rateLimit as never });
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { [field]: [message] } });
    expect(await keyRow(key.id)).toMatchObject({ name: key.apiAccess.name, rateLimitLimit: null, rateLimitWindowSeconds: null });
  });

  it('leaves the list as it was when an edit of it is refused', async () => {
    const key = await seedApiAccess({ actor: admin, allowedIps: ['10.0.0.0/24'] });
    expect(await updateApiAccess(admin, { id: key.id, allowedIps: ['10.0.0.0/24', 'nonsense'] })).toMatchObject({ ok: false });
    expect((await keyRow(key.id)).allowedIps).toEqual(['10.0.0.0/24']);
    expect(await verify(key.token, '10.0.0.3')).toMatchObject({ code: 'VALID' });
  });
});
