import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, getSql } from '@/db/client';
import { apiAccess } from '@/db/schema';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { forgetOverview, getOverview, OVERVIEW_FRESH_MS } from '@/lib/api-access/overview';
import { UsageRecorder } from '@/lib/tokens/usage-recorder';
import { actorWith, inDays, seedActor, seedApiAccess } from '../support/fixtures';

describe('the overview above the table', () => {
  it('counts Active (expiring soon included), Expiring soon and Expired by the Status filter’s rules, and sums every key’s daily uses', async () => {
    const admin = await seedActor(['ADMIN']);
    const later = await seedApiAccess({ actor: admin, expiresAt: inDays(60) });
    const soon = await seedApiAccess({ actor: admin, expiresAt: inDays(3) });
    const gone = await seedApiAccess({ actor: admin, expiresAt: inDays(30) });
    await db
      .update(apiAccess)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiAccess.id, gone.id));

    const recorder = new UsageRecorder(getSql(), 60_000);
    const now = Date.now();
    for (let i = 0; i < 3; i++) recorder.record(later.id, now);
    recorder.record(soon.id, now);
    recorder.record(soon.id, now - 2 * 86_400_000);
    await recorder.stop();
    // A key deleted later keeps its uses in the totals: they happened.
    expect(await deleteApiAccess(admin, { id: soon.id })).toMatchObject({ ok: true });

    forgetOverview();
    const overview = await getOverview({ actor: actorWith('listApiAccess') });
    if (!overview.ok) throw new Error(overview.message);
    expect(overview.data).toMatchObject({ active: 1, expiringSoon: 0, expired: 1 });
    expect(overview.data.usage).toHaveLength(30);
    expect(overview.data.usage.at(-1)!.count).toBe(4);
    expect(overview.data.usage.at(-3)!.count).toBe(1);
    expect(overview.data.usage.reduce((sum, day) => sum + day.count, 0)).toBe(5);
  });

  it('counts a key expiring within 7 days as Active and Expiring soon', async () => {
    const admin = await seedActor(['ADMIN']);
    let clock = Date.now();
    const counts = async () => {
      // Each reading past the freshness window: a new computation.
      clock += OVERVIEW_FRESH_MS;
      const overview = await getOverview({ actor: admin, now: clock });
      if (!overview.ok) throw new Error(overview.message);
      return overview.data;
    };
    const before = await counts();
    await seedApiAccess({ actor: admin, expiresAt: inDays(3) });
    const after = await counts();
    expect([after.active - before.active, after.expiringSoon - before.expiringSoon, after.expired - before.expired]).toEqual([1, 1, 0]);
  });

  it('is computed once per freshness window: a key added meanwhile shows in the next one', async () => {
    const admin = await seedActor(['ADMIN']);
    const start = Date.now() + 10 * OVERVIEW_FRESH_MS;
    const first = await getOverview({ actor: admin, now: start });
    await seedApiAccess({ actor: admin, expiresAt: inDays(40) });
    const within = await getOverview({ actor: admin, now: start + OVERVIEW_FRESH_MS - 1 });
    const after = await getOverview({ actor: admin, now: start + OVERVIEW_FRESH_MS });
    if (!first.ok || !within.ok || !after.ok) throw new Error('refused');
    expect(within.data.active).toBe(first.data.active);
    expect(after.data.active).toBe(first.data.active + 1);
  });

  it('is refused without listApiAccess', async () => {
    expect(await getOverview({ actor: actorWith('getApiAccess') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
