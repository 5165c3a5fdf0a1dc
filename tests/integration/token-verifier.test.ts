import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db, getSql } from '@/db/client';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { generateToken } from '@/lib/tokens/token';
import { TokenVerifier, allowsAddress } from '@/lib/tokens/token-verifier';
import { verifyToken } from '@/lib/tokens/verify-token';
import { inDays, seedActor, seedApiAccess } from '../support/fixtures';

/** The real pool, counting the queries that go through it. */
function countingSql() {
  const sql = getSql();
  const counter = { calls: 0 };
  const wrapped = Object.assign((...args: Parameters<typeof sql>) => {
    counter.calls++;
    return sql(...args);
  }, sql);
  return { sql: wrapped as unknown as typeof sql, counter };
}

describe('TokenVerifier', () => {
  it('rejects a malformed token without a database call', async () => {
    const { sql, counter } = countingSql();
    const verifier = new TokenVerifier(sql);
    expect(await verifier.find('kg_not-a-token')).toEqual({ kind: 'malformed' });
    expect(await verifier.find(`kg_${'A'.repeat(49)}`)).toEqual({ kind: 'malformed' });
    expect(counter.calls).toBe(0);
  });

  it('costs one query for a valid token, then none from the cache; invalidation forgets it', async () => {
    const key = await seedApiAccess();
    const { sql, counter } = countingSql();
    const verifier = new TokenVerifier(sql);
    expect(await verifier.find(key.token)).toMatchObject({ kind: 'found', holder: { accessId: key.id } });
    expect(await verifier.find(key.token)).toMatchObject({ kind: 'found' });
    expect(counter.calls).toBe(1);
    verifier.invalidate(key.id);
    await verifier.find(key.token);
    expect(counter.calls).toBe(2);
  });

  it('shares one query among identical lookups in flight', async () => {
    const { sql, counter } = countingSql();
    const verifier = new TokenVerifier(sql);
    const token = generateToken();
    const answers = await Promise.all(Array.from({ length: 20 }, () => verifier.find(token)));
    expect(answers.every((answer) => answer.kind === 'notFound')).toBe(true);
    expect(counter.calls).toBe(1);
  });

  it('leaves the shared pool to the pages while a flood of made-up tokens is looked up', async () => {
    const verifier = tokenRuntime().verifier;
    let settled = 0;
    const flood = Array.from({ length: 300 }, () => Promise.resolve(verifier.find(generateToken())).then(() => settled++));
    // A page's query does not wait behind the flood: the lookups have a small pool of their own.
    await db.execute(sql`select 1`);
    expect(settled).toBeLessThan(200);
    await Promise.all(flood);
    expect(settled).toBe(300);
  });

  it('keeps real keys cached however many made-up tokens are tried', async () => {
    const key = await seedApiAccess();
    const { sql, counter } = countingSql();
    const verifier = new TokenVerifier(sql, { maxEntries: 5 });
    await verifier.find(key.token);
    for (let i = 0; i < 50; i++) expect(await verifier.find(generateToken())).toEqual({ kind: 'notFound' });
    const before = counter.calls;
    expect(await verifier.find(key.token)).toMatchObject({ kind: 'found' });
    expect(counter.calls).toBe(before);
  });

  it('in this process, regeneration and deletion take effect at once through the shared runtime', async () => {
    const key = await seedApiAccess();
    expect(await verifyToken({ token: key.token })).toMatchObject({ code: 'VALID' });
    const regenerated = await regenerateApiAccess(key.actor, { id: key.id, expiresAt: new Date(Date.now() + 86_400_000) });
    if (!regenerated.ok) throw new Error(regenerated.message);
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token: regenerated.data.token })).toMatchObject({ code: 'VALID' });
    await deleteApiAccess(key.actor, { id: key.id });
    expect(await verifyToken({ token: regenerated.data.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('compares expiry with the clock on every call, even when cached', async () => {
    const key = await seedApiAccess({ expiresAt: inDays(1) });
    const first = await verifyToken({ token: key.token });
    expect(first).toMatchObject({ code: 'VALID' });
    const later = Date.now() + 2 * 86_400_000;
    expect(await verifyToken({ token: key.token }, later)).toEqual({ valid: false, code: 'EXPIRED' });
  });

  it('keys with the same allowed IPs share one matcher and its decisions: they weigh in the cache little more than plain keys', async () => {
    const office = ['192.0.2.0/24', '198.51.100.7', '10.0.0.0/8', '2001:db8::/32'];
    const actor = await seedActor();
    const restricted = await Promise.all(Array.from({ length: 20 }, () => seedApiAccess({ actor, allowedIps: office })));
    const plain = await Promise.all(Array.from({ length: 20 }, () => seedApiAccess({ actor })));
    const weigh = async (keys: { token: string }[]) => {
      const verifier = new TokenVerifier(getSql());
      for (const key of keys) {
        const found = await verifier.find(key.token);
        if (found.kind !== 'found') throw new Error(found.kind);
        expect(allowsAddress(found.holder, '10.1.2.3')).toBe(true);
      }
      return verifier.stats();
    };
    const withIps = await weigh(restricted);
    const without = await weigh(plain);
    expect(withIps.ipChecks).toMatchObject({ entries: 1, matchers: 1 });
    // The list's text and its check: 1.4× here. A matcher of its own per key, memo counted, made it 7×.
    expect(withIps.keys.bytes / without.keys.bytes).toBeLessThan(1.6);
  });

  it.each([
    ['with room for every decision', 2 * 1024 * 1024, 5],
    ['with room for nothing: every check compiles its list again', 150, 0],
  ])('decides each address for each list, %s', async (_, ipCheckBytes, decisionsKept) => {
    const actor = await seedActor();
    const lab = await seedApiAccess({ actor, allowedIps: ['192.0.2.0/24'] });
    const office = await seedApiAccess({ actor, allowedIps: ['198.51.100.0/24', '2001:db8::/32'] });
    const verifier = new TokenVerifier(getSql(), { ipCheckBytes });
    const allows = async (token: string, ip: string | undefined) => {
      const found = await verifier.find(token);
      return found.kind === 'found' && allowsAddress(found.holder, ip);
    };
    for (let round = 0; round < 3; round++) {
      expect(await allows(lab.token, '192.0.2.9')).toBe(true);
      expect(await allows(office.token, '192.0.2.9')).toBe(false);
      expect(await allows(office.token, '2001:db8::1')).toBe(true);
      expect(await allows(office.token, '::ffff:198.51.100.4')).toBe(true);
      expect(await allows(lab.token, '2001:db8::1')).toBe(false);
      expect(await allows(lab.token, undefined)).toBe(false);
      expect(verifier.stats().ipChecks.entries).toBe(decisionsKept);
    }
  });
});
