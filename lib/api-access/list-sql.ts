import { asc, count, desc, gt, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, apiAccessTagCounts } from '@/db/schema';
import { isSearch, type ListFilters } from './list-filters';

// The list's SQL, unchecked: only the authorized reads of ./queries.ts run it (and the plan tests read its plans).

/**
 * The table counts matches up to this many and says "1,000+" beyond: an exact count reads every
 * match (30–60 ms of the database per page view at 100,000 keys, the largest part of the page's
 * cost there), and nobody pages through a thousand keys; they search or filter.
 */
export const COUNT_LIMIT = 1000;

/**
 * A search counts up to 100 ("100+" beyond): its matches are few and scattered (a 3 % search at
 * 100,000 keys checked ~30,000 names to find 1,001 matches, 27 ms against 0.5 ms for the page's
 * rows), so the work grows with the cap over the share that matches. Past 100 matches, the
 * answer a searcher needs is "narrow it", not the number.
 */
export const SEARCH_COUNT_LIMIT = 100;

/** How far the table counts for these filters. */
export const countLimitFor = (filters: ListFilters) => (isSearch(filters) ? SEARCH_COUNT_LIMIT : COUNT_LIMIT);

/** How many keys the filters select, up to one more than `limit` (countLimitFor; the table's "of N"). */
export const countQuery = (where: SQL | undefined, limit: number) =>
  db.select({ n: count() }).from(
    db
      .select({ one: sql`1` })
      .from(apiAccess)
      .where(where)
      // In an index's order, so a common filter stops after `limit` matches along it
      // instead of reading the table from its start.
      .orderBy(desc(apiAccess.createdAt), desc(apiAccess.id))
      .limit(limit + 1)
      .as('matches'),
  );

export const listTagsQuery = () =>
  db
    .select({ tag: apiAccessTagCounts.tag })
    .from(apiAccessTagCounts)
    .where(gt(apiAccessTagCounts.keys, 0))
    .orderBy(asc(apiAccessTagCounts.tag))
    .limit(1000);

/** Whether there is any key at all (the empty table's first-use message). */
export const anyApiAccess = async () =>
  (
    await db
      .select({ one: sql`1` })
      .from(apiAccess)
      .limit(1)
  ).length > 0;
