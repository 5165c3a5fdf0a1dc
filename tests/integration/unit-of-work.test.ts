import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, roles } from '@/db/schema';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { failure, success } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { BOOKKEEPING_ONLY, TOKEN_CHANNEL } from '@/lib/tokens/token-verifier';
import { UsageRecorder } from '@/lib/tokens/usage-recorder';
import { afterCommit, inTransaction } from '@/lib/transaction';
import { inDays, seedApiAccess } from '../support/fixtures';

const isCached = (token: string) => !(tokenRuntime().verifier.find(token) instanceof Promise);

describe('the unit of work', () => {
  it('runs afterCommit effects after a commit, in order, and none when the work fails or throws', async () => {
    const ran: string[] = [];
    const committed = await inTransaction(async (tx) => {
      afterCommit(tx, () => ran.push('first'));
      afterCommit(tx, () => ran.push('second'));
      expect(ran).toEqual([]);
      return success(null);
    });
    expect(committed.ok).toBe(true);
    expect(ran).toEqual(['first', 'second']);

    ran.length = 0;
    const failed = await inTransaction(async (tx) => {
      afterCommit(tx, () => ran.push('failed'));
      return failure('FORBIDDEN', 'no');
    });
    expect(failed).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(
      inTransaction(async (tx) => {
        afterCommit(tx, () => ran.push('thrown'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(ran).toEqual([]);
  });

  it('refuses afterCommit outside a transaction it opened', () => {
    expect(() => afterCommit(db as never, () => {})).toThrow(/inTransaction/);
  });

  it('returns the operation’s CONFLICT failure for a unique violation, and rolls the work back', async () => {
    const name = `unit-of-work-${Date.now()}`;
    await db.insert(roles).values({ name, description: '', grants: [] });
    const duplicate = failure('CONFLICT', `A role named “${name}” already exists.`);
    const result = await inTransaction(
      async (tx) => {
        await tx.insert(roles).values({ name: `${name}-other`, description: '', grants: [] });
        await tx.insert(roles).values({ name: name.toUpperCase(), description: '', grants: [] });
        return success(null);
      },
      { uniqueViolation: duplicate },
    );
    expect(result).toEqual(duplicate);
    expect(
      await db
        .select()
        .from(roles)
        .where(eq(roles.name, `${name}-other`)),
    ).toHaveLength(0);
    // Without a failure to map it to, a violation is a bug, and thrown.
    await expect(
      inTransaction(async (tx) => {
        await tx.insert(roles).values({ name, description: '', grants: [] });
        return success(null);
      }),
    ).rejects.toThrow();
  });

  it('lets a regeneration invalidate this process’s cached token only once it has committed', async () => {
    const key = await seedApiAccess();
    // Only the unit of work may invalidate here: this process stops hearing the database's notices.
    await tokenRuntime().listening;
    await tokenRuntime().verifier.close();
    try {
      await tokenRuntime().verifier.find(key.token);
      expect(isCached(key.token)).toBe(true);
      // A regeneration that fails (an expiry too far ahead) changes nothing, cache included.
      expect((await regenerateApiAccess(key.actor, { id: key.id, expiresAt: inDays(400) })).ok).toBe(false);
      expect(isCached(key.token)).toBe(true);
      const regenerated = await regenerateApiAccess(key.actor, { id: key.id, expiresAt: inDays(10) });
      expect(regenerated.ok).toBe(true);
      expect(isCached(key.token)).toBe(false);
    } finally {
      tokenRuntime().listening = undefined;
      await tokenRuntime().listening;
    }
  });
});

describe('token change notices come from the database', () => {
  let listener: ReturnType<typeof postgres>;
  const heard: string[] = [];
  beforeAll(async () => {
    listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await listener.listen(TOKEN_CHANNEL, (payload) => heard.push(payload));
  });
  afterAll(() => listener.end({ timeout: 5 }));

  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('for any write to a key, even one that forgets announceTokenChange', async () => {
    const key = await seedApiAccess();
    heard.length = 0;
    await db.update(apiAccess).set({ description: 'changed behind the operations’ back' }).where(eq(apiAccess.id, key.id));
    await settle();
    expect(heard).toEqual([key.id]);
  });

  it('not for a new key’s role links (nothing is cached yet), but for a role added to an existing key', async () => {
    const key = await seedApiAccess({ roleNames: ['READ_ONLY'] });
    await settle();
    expect(heard).not.toContain(key.id);
    heard.length = 0;
    await updateApiAccess(key.actor, { id: key.id, roles: [] });
    await settle();
    expect(heard).toEqual([key.id]);
  });

  it('for a role’s grants (every key), but not for a write that only keeps books', async () => {
    const key = await seedApiAccess();
    heard.length = 0;
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(BOOKKEEPING_ONLY));
      await tx.update(apiAccess).set({ noticeCheckAt: new Date() }).where(eq(apiAccess.id, key.id));
    });
    const usage = new UsageRecorder(listener, 60_000);
    usage.record(key.id);
    await usage.stop();
    await settle();
    expect(heard).toEqual([]);
    await db.update(roles).set({ description: 'READ_ONLY, described again' }).where(eq(roles.name, 'READ_ONLY'));
    await settle();
    expect(heard).toEqual(['*']);
  });
});
