import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, expiryNotices } from '@/db/schema';
import { BOOKKEEPING_ONLY } from '@/lib/tokens/token-verifier';
import { planKey } from './windows';
import { raiseExpiryEvents } from '@/lib/webhooks/expiry-events';

const BATCH = 500;

/**
 * Writes the notices due at `now` into the outbox. Only keys whose `notice_check_at` has
 * come are read (a partial index), so a run's work grows with the keys that are due, not
 * with all keys. Each key's next check moves to the next window it will be announced in.
 * Returns how many notices were new (a notice already planned by another run is not).
 */
export async function planDueNotices(now: Date): Promise<number> {
  let planned = 0;
  for (;;) {
    const { seen, inserted } = await db.transaction(async (tx) => {
      // Locked, skipping rows another run holds: two planners never plan the same key at once,
      // and a regeneration (which locks the row too) is seen before or after, never half-way.
      const due = await tx
        .select({ id: apiAccess.id, expiresAt: apiAccess.expiresAt, validFrom: apiAccess.validFrom })
        .from(apiAccess)
        // A disabled key gets no notices (SPEC §7); enabled again, its current window is planned then.
        .where(and(lte(apiAccess.noticeCheckAt, now), eq(apiAccess.enabled, true)))
        .orderBy(asc(apiAccess.noticeCheckAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return { seen: 0, inserted: 0 };
      const plans = due.map((key) => ({ key, plan: planKey(key, now) }));
      const notices = plans.flatMap(({ key, plan }) =>
        plan.notice ? [{ apiAccessId: key.id, expiresAt: key.expiresAt, threshold: plan.notice, plannedAt: now }] : [],
      );
      const written = notices.length
        ? await tx
            .insert(expiryNotices)
            .values(notices)
            .onConflictDoNothing()
            .returning({ id: expiryNotices.id, apiAccessId: expiryNotices.apiAccessId, threshold: expiryNotices.threshold })
        : [];
      await raiseExpiryEvents(tx, written);
      const ids = plans.map(({ key }) => key.id);
      await tx.execute(sql.raw(BOOKKEEPING_ONLY));
      const next = plans.map(({ plan }) => plan.nextCheckAt?.getTime() ?? null);
      await tx.execute(sql`
        update ${apiAccess} set notice_check_at = to_timestamp(v.next_ms / 1000.0)
        from unnest(${sql.param(ids)}::text[], ${sql.param(next)}::float8[]) as v(id, next_ms)
        where ${apiAccess.id} = v.id`);
      return { seen: due.length, inserted: written.length };
    });
    planned += inserted;
    if (seen < BATCH) return planned;
  }
}
