import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { statusCondition } from './list-filters';
import { totalUsageByDay, type DailyUsage } from './usage-by-day';

export type Overview = { active: number; expiringSoon: number; disabled: number; expired: number; usage: DailyUsage[] };

/**
 * A dashboard, not a ledger: computed at most once per OVERVIEW_FRESH_MS per process (concurrent
 * page views share one computation), so at 100,000 keys its count over the expiration index
 * (15–50 ms) is not paid by every page view. Its numbers are at most that old.
 */
export const OVERVIEW_FRESH_MS = 10_000;
let latest: { at: number; overview: Promise<Overview> } | null = null;

/**
 * The counts above the table, by the same status rules as its Status filter, in one pass over the
 * expiration index; and every key's uses per day for 30 days, from the daily totals (30 rows).
 */
export async function getOverview({ actor, now = Date.now() }: { actor: Actor; now?: number }): Promise<Result<Overview>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  if (!latest || now - latest.at >= OVERVIEW_FRESH_MS) {
    const overview = computeOverview();
    latest = { at: now, overview };
    overview.catch(() => {
      if (latest?.overview === overview) latest = null; // a failure is not kept
    });
  }
  return success(await latest.overview);
}

async function computeOverview(): Promise<Overview> {
  const count = (status: Parameters<typeof statusCondition>[0]) => sql<number>`(count(*) filter (where ${statusCondition(status)}))::int`;
  const [[counts], usage] = await Promise.all([
    db
      .select({ active: count('Active'), expiringSoon: count('ExpiringSoon'), disabled: count('Disabled'), expired: count('Expired') })
      .from(apiAccess),
    totalUsageByDay(),
  ]);
  return {
    active: counts?.active ?? 0,
    expiringSoon: counts?.expiringSoon ?? 0,
    disabled: counts?.disabled ?? 0,
    expired: counts?.expired ?? 0,
    usage,
  };
}

/** Tests start from a fresh computation. */
export const forgetOverview = () => {
  latest = null;
};
