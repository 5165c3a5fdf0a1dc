import { and, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, auditLogs, retiredTokens } from '@/db/schema';
import { bulkDeleteApiAccess, deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { purgeRetiredTokens } from '@/lib/api-access/retired-tokens';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { bearerActor } from '@/lib/api/bearer-actor';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import type { Actor } from '@/lib/auth/actor';
import { generateToken, tokenDigest } from '@/lib/tokens/token';
import { verifyToken } from '@/lib/tokens/verify-token';
import { inDays, seedActor, seedApiAccess } from '../support/fixtures';

const HOUR_MS = 3_600_000;

let admin: Actor;
beforeAll(async () => {
  admin = await seedActor();
});

async function regenerate(id: string, gracePeriodSeconds: number, expiresAt = inDays(60)) {
  const result = await regenerateApiAccess(admin, { id, expiresAt, gracePeriodSeconds });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

const caller = (ip: string, userAgent: string) => () => ({ ip, userAgent });

const asBearer = (token: string) =>
  bearerActor(
    new Request('http://keygate.test/api/v1/roles', {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.20', 'user-agent': 'old-deploy/1.0' },
    }),
  );

const alarmsFor = (accessId: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, 'apiAccess.retiredTokenUsed'), eq(auditLogs.targetId, accessId)))
    .orderBy(desc(auditLogs.id));

describe('rotation with a grace period (SPEC §7)', () => {
  it('keeps the previous token verifying until the grace ends, saying when, while the new one works too', async () => {
    const key = await seedApiAccess({ actor: admin });
    const before = Date.now();
    const { token, apiAccess: rotated } = await regenerate(key.id, 3_600);

    const old = await verifyToken({ token: key.token });
    expect(old).toMatchObject({ valid: true, code: 'VALID', accessId: key.id });
    const graceEndsAt = Date.parse((old as { graceEndsAt: string }).graceEndsAt);
    expect(graceEndsAt).toBeGreaterThanOrEqual(before + HOUR_MS);
    expect(graceEndsAt).toBeLessThanOrEqual(Date.now() + HOUR_MS);
    expect(rotated.previousTokenExpiresAt?.getTime()).toBe(graceEndsAt);
    const current = await verifyToken({ token });
    expect(current).toMatchObject({ code: 'VALID' });
    expect(current).not.toHaveProperty('graceEndsAt');
    expect((await asBearer(key.token)).ok).toBe(true);

    // Past the grace: the previous token is unknown, the new one still valid.
    expect(await verifyToken({ token: key.token }, before + 2 * HOUR_MS)).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token }, before + 2 * HOUR_MS)).toMatchObject({ code: 'VALID' });

    const [entry] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'apiAccess.regenerate'), eq(auditLogs.targetId, key.id)));
    expect(entry?.changes).toMatchObject({
      after: { tokenRegenerated: true, gracePeriodSeconds: 3_600, previousTokenExpiresAt: new Date(graceEndsAt).toISOString() },
    });
  });

  it('never keeps the previous token past its own expiry, and without grace it stops at once', async () => {
    const soon = await seedApiAccess({ actor: admin, expiresAt: new Date(Date.now() + 2 * HOUR_MS) });
    const { apiAccess: rotated } = await regenerate(soon.id, 604_800);
    expect(rotated.previousTokenExpiresAt?.getTime()).toBe(soon.apiAccess.expiresAt.getTime());

    const plain = await seedApiAccess({ actor: admin });
    const { apiAccess: replaced } = await regenerate(plain.id, 0);
    expect(replaced.previousTokenExpiresAt).toBeNull();
    expect(await verifyToken({ token: plain.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('holds one previous token at most: regenerating again ends the earlier one at once', async () => {
    const key = await seedApiAccess({ actor: admin });
    const second = await regenerate(key.id, 86_400);
    const third = await regenerate(key.id, 86_400);
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token: second.token })).toMatchObject({ code: 'VALID', graceEndsAt: expect.any(String) });
    expect(await verifyToken({ token: third.token })).toMatchObject({ code: 'VALID' });
  });

  it('ends both tokens when the key is disabled (enabling again does not revive the previous one) or deleted', async () => {
    const key = await seedApiAccess({ actor: admin });
    const { token } = await regenerate(key.id, 86_400);
    await updateApiAccess(admin, { id: key.id, enabled: false });
    // Disabling ended the grace: the previous token is retired, the current one disabled.
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token })).toEqual({ valid: false, code: 'DISABLED' });
    const enabled = await updateApiAccess(admin, { id: key.id, enabled: true });
    expect(enabled).toMatchObject({ ok: true, data: { previousTokenExpiresAt: null } });
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token })).toMatchObject({ code: 'VALID' });

    const other = await seedApiAccess({ actor: admin });
    const rotated = await regenerate(other.id, 86_400);
    expect(await deleteApiAccess(admin, { id: other.id })).toMatchObject({ ok: true });
    expect(await verifyToken({ token: other.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token: rotated.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('refuses a grace period out of range with a message on its field, changing nothing', async () => {
    const key = await seedApiAccess({ actor: admin });
    for (const gracePeriodSeconds of [-1, 604_801, 1.5, Number.NaN]) {
      const refused = await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(10), gracePeriodSeconds });
      expect(refused).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { gracePeriodSeconds: [expect.any(String)] } });
    }
    expect(await verifyToken({ token: key.token })).toMatchObject({ code: 'VALID', expiresAt: key.apiAccess.expiresAt.toISOString() });
  });
});

describe('retired tokens (SPEC §7)', () => {
  it('answers NOT_FOUND for a regenerated-out token and writes one batched alarm naming the key, addresses and user agents', async () => {
    const key = await seedApiAccess({ actor: admin });
    await regenerate(key.id, 0);
    for (let i = 0; i < 5; i++) {
      expect(await verifyToken({ token: key.token }, Date.now(), caller(`203.0.113.${i % 2}`, 'billing-worker/2.1'))).toEqual({
        valid: false,
        code: 'NOT_FOUND',
      });
    }
    expect(await asBearer(key.token)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    await flushBatchedAudit();
    const alarms = await alarmsFor(key.id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ targetName: key.apiAccess.name, ip: '203.0.113.0', userAgent: 'billing-worker/2.1' });
    expect(alarms[0]?.changes).toMatchObject({
      after: { count: 6, ips: ['203.0.113.0', '203.0.113.1', '198.51.100.20'], userAgents: ['billing-worker/2.1', 'old-deploy/1.0'] },
    });
  });

  it('raises the alarm for a previous token once its grace is over, and for the tokens of a deleted key', async () => {
    const key = await seedApiAccess({ actor: admin });
    await regenerate(key.id, 3_600);
    await verifyToken({ token: key.token }, Date.now() + 2 * HOUR_MS, caller('203.0.113.7', 'cron'));

    const gone = await seedApiAccess({ actor: admin });
    expect(await bulkDeleteApiAccess(admin, { ids: [gone.id] })).toMatchObject({ ok: true });
    expect(await verifyToken({ token: gone.token }, Date.now(), caller('203.0.113.8', 'cron'))).toEqual({
      valid: false,
      code: 'NOT_FOUND',
    });

    await flushBatchedAudit();
    expect(await alarmsFor(key.id)).toMatchObject([{ ip: '203.0.113.7' }]);
    expect(await alarmsFor(gone.id)).toMatchObject([{ targetName: gone.apiAccess.name, ip: '203.0.113.8' }]);
    const [kept] = await db
      .select()
      .from(retiredTokens)
      .where(eq(retiredTokens.tokenDigest, tokenDigest(gone.token)));
    expect(kept).toMatchObject({ apiAccessId: gone.id, accessName: gone.apiAccess.name, reason: 'deleted' });
  });

  it('stays silent for a made-up token', async () => {
    const before = await db.$count(auditLogs, eq(auditLogs.action, 'apiAccess.retiredTokenUsed'));
    expect(await verifyToken({ token: generateToken() }, Date.now(), caller('203.0.113.9', 'guesser'))).toEqual({
      valid: false,
      code: 'NOT_FOUND',
    });
    await flushBatchedAudit();
    expect(await db.$count(auditLogs, eq(auditLogs.action, 'apiAccess.retiredTokenUsed'))).toBe(before);
  });

  it('keeps a retired digest 90 days after it stopped working, then purges it', async () => {
    const young = await seedApiAccess({ actor: admin });
    const old = await seedApiAccess({ actor: admin });
    await regenerate(young.id, 0);
    await regenerate(old.id, 0);
    const age = (token: string, days: number) =>
      db
        .update(retiredTokens)
        .set({ retiredAt: sql`now() - make_interval(days => ${days})` })
        .where(eq(retiredTokens.tokenDigest, tokenDigest(token)));
    await age(young.token, 89);
    await age(old.token, 91);
    expect(await purgeRetiredTokens()).toBeGreaterThanOrEqual(1);
    const left = await db.select({ digest: retiredTokens.tokenDigest }).from(retiredTokens);
    expect(left.map((row) => row.digest)).toContain(tokenDigest(young.token));
    expect(left.map((row) => row.digest)).not.toContain(tokenDigest(old.token));
    // Still a key row? The purge touched only the retired list.
    expect(await db.$count(apiAccess, eq(apiAccess.id, old.id))).toBe(1);
  });
});
