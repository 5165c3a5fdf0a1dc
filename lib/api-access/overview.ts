import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { statusCondition } from './list-filters';
import { totalUsageByDay, type DailyUsage } from './usage-by-day';

export type Overview = { active: number; expiringSoon: number; expired: number; usage: DailyUsage[] };

/**
 * The counts above the table, by the same status rules as its Status filter, in one pass over the
 * expiration index; and every key's uses per day for 30 days, from the daily totals (30 rows).
 */
export async function getOverview({ actor }: { actor: Actor }): Promise<Result<Overview>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  const count = (status: Parameters<typeof statusCondition>[0]) => sql<number>`(count(*) filter (where ${statusCondition(status)}))::int`;
  const [[counts], usage] = await Promise.all([
    db.select({ active: count('Active'), expiringSoon: count('ExpiringSoon'), expired: count('Expired') }).from(apiAccess),
    totalUsageByDay(),
  ]);
  return success({ active: counts?.active ?? 0, expiringSoon: counts?.expiringSoon ?? 0, expired: counts?.expired ?? 0, usage });
}
