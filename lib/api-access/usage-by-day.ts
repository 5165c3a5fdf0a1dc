import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccessUsage, apiAccessUsageTotals } from '@/db/schema';

export type DailyUsage = { day: string; count: number };

/** Uses per UTC day over the last `days` days, oldest first, with zero days filled in. Unchecked: shown only beside an API Access the reader was allowed to get. */
export async function usageByDay(id: string, days = 30): Promise<DailyUsage[]> {
  const rows = await db
    .select({ day: apiAccessUsage.day, count: apiAccessUsage.count })
    .from(apiAccessUsage)
    .where(and(eq(apiAccessUsage.apiAccessId, id), sql`${apiAccessUsage.day} > ${firstDayBefore(days)}`));
  return lastDays(rows, days);
}

/** Every key's uses per UTC day over the last `days` days (the overview), from the daily totals. Unchecked, like usageByDay. */
export async function totalUsageByDay(days = 30): Promise<DailyUsage[]> {
  const rows = await db
    .select({ day: apiAccessUsageTotals.day, count: apiAccessUsageTotals.count })
    .from(apiAccessUsageTotals)
    .where(sql`${apiAccessUsageTotals.day} > ${firstDayBefore(days)}`);
  return lastDays(rows, days);
}

const firstDayBefore = (days: number) => sql`(now() at time zone 'UTC')::date - ${days}::int`;

function lastDays(rows: DailyUsage[], days: number): DailyUsage[] {
  const counts = new Map(rows.map((row) => [row.day, row.count]));
  const today = new Date();
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1 - i)))
      .toISOString()
      .slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
}
