import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { db, getSql } from '@/db/client';
import { apiAccess } from '@/db/schema';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { usageByDay } from '@/lib/api-access/usage-by-day';
import { UsageRecorder } from '@/lib/tokens/usage-recorder';
import { seedApiAccess } from '../support/fixtures';
import { DAY_MS } from '@/lib/time';
import { log } from '@/lib/log/logger';

describe('UsageRecorder', () => {
  it('writes counts per key per day and the latest use in one flush, and adds to earlier counts', async () => {
    const key = await seedApiAccess();
    const recorder = new UsageRecorder(getSql(), 60_000);
    const now = Date.now();
    for (let i = 0; i < 5; i++) recorder.record(key.id, now - i);
    recorder.record(key.id, now - 2 * DAY_MS);
    await recorder.flush();
    recorder.record(key.id, now);
    await recorder.stop();

    const usage = await usageByDay(key.id);
    expect(usage).toHaveLength(30);
    expect(usage.at(-1)).toEqual({ day: new Date(now).toISOString().slice(0, 10), count: 6 });
    expect(usage.at(-3)?.count).toBe(1);
    expect(usage.slice(0, -3).every((day) => day.count === 0)).toBe(true);
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, key.id));
    expect(row!.lastUsedAt!.getTime()).toBe(now);
  });

  it('drops the counts of a key deleted before the flush, without failing the others', async () => {
    const gone = await seedApiAccess();
    const kept = await seedApiAccess();
    const recorder = new UsageRecorder(getSql(), 60_000);
    recorder.record(gone.id);
    recorder.record(kept.id);
    await deleteApiAccess(gone.actor, { id: gone.id });
    await recorder.stop();
    expect((await usageByDay(kept.id)).at(-1)?.count).toBe(1);
  });

  it('a key being deleted while the counts are written is waited for and skipped: the flush does not fail', async () => {
    const doomed = await seedApiAccess();
    const kept = await seedApiAccess();
    const recorder = new UsageRecorder(getSql(), 60_000);
    recorder.record(doomed.id);
    recorder.record(kept.id);
    const errors = vi.spyOn(log(), 'error');
    const deleter = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      // The deletion holds its row lock, uncommitted, while the flush runs; then it commits.
      await deleter.begin(async (tx) => {
        await tx`delete from api_access where id = ${doomed.id}`;
        void recorder.flush(); // waits on the deletion's lock
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      await recorder.stop();
    } finally {
      await deleter.end();
    }
    const logged = [...errors.mock.calls];
    errors.mockRestore();
    expect(logged).toEqual([]);
    expect((await usageByDay(kept.id)).at(-1)?.count).toBe(1);
  });

  it('writes through a pool of its own too, which drizzle has not configured', async () => {
    const key = await seedApiAccess();
    const ownPool = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const now = Date.now();
    try {
      const recorder = new UsageRecorder(ownPool, 60_000);
      recorder.record(key.id, now - 1);
      await recorder.flush();
      recorder.record(key.id, now);
      await recorder.stop();
    } finally {
      await ownPool.end();
    }
    expect((await usageByDay(key.id)).at(-1)?.count).toBe(2);
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, key.id));
    expect(row!.lastUsedAt!.getTime()).toBe(now);
  });

  it('keeps the latest use when an earlier one is flushed later (another instance, say)', async () => {
    const key = await seedApiAccess();
    const now = Date.now();
    const recorder = new UsageRecorder(getSql(), 60_000);
    recorder.record(key.id, now);
    await recorder.flush();
    recorder.record(key.id, Math.max(now - 1_000, now - (now % DAY_MS))); // earlier, but the same UTC day
    await recorder.stop();
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, key.id));
    expect(row!.lastUsedAt!.getTime()).toBe(now);
    expect((await usageByDay(key.id)).at(-1)?.count).toBe(2);
  });
});
