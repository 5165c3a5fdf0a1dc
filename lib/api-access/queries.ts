import 'server-only';
import { asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '@/db/client';
import { apiAccess, apiAccessRoles, apiAccessTagCounts, roles, type ApiAccessRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { isAccessId } from './access-id';
import { statusAt } from './expiry';
import { keyNotFound } from './not-found';
import { keysetPage, SORT_FIELDS } from './keyset';
import { checkListFilters, filtersOf, isSearch, LIST_STATUSES, type ListFilters } from './list-filters';
import type { ApiAccess } from './types';

/** Rows plus their roles, in the public shape. */
export async function toApiAccessList(q: Queryable, rows: ApiAccessRow[]): Promise<ApiAccess[]> {
  if (rows.length === 0) return [];
  const links = await q
    .select({ apiAccessId: apiAccessRoles.apiAccessId, id: roles.id, name: roles.name })
    .from(apiAccessRoles)
    .innerJoin(roles, eq(roles.id, apiAccessRoles.roleId))
    .where(
      inArray(
        apiAccessRoles.apiAccessId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(roles.name));
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    tags: row.tags,
    type: row.type,
    roles: links.filter((link) => link.apiAccessId === row.id).map(({ id, name }) => ({ id, name })),
    status: statusAt(row.expiresAt, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: { kind: row.createdByKind, id: row.createdById, name: row.createdByName },
    lastUsedAt: row.lastUsedAt,
    tokenStart: row.tokenStart,
  }));
}

/** Unchecked read for operations that already authorized their actor. */
export async function findApiAccess(q: Queryable, id: string): Promise<ApiAccess | undefined> {
  if (!isAccessId(id)) return undefined;
  const rows = await q.select().from(apiAccess).where(eq(apiAccess.id, id));
  return (await toApiAccessList(q, rows))[0];
}

/**
 * One API Access: seeing a key's details needs getApiAccess everywhere; `alsoNeeds` is what the
 * caller is about to do with it (the Edit and Regenerate pages).
 */
export async function getApiAccess({
  actor,
  id,
  alsoNeeds,
}: {
  actor: Actor;
  id: string;
  alsoNeeds?: 'updateApiAccess' | 'regenerateApiAccess';
}): Promise<Result<ApiAccess>> {
  const denied = authorize(actor, 'getApiAccess') ?? (alsoNeeds ? authorize(actor, alsoNeeds) : null);
  if (denied) return denied;
  const found = await findApiAccess(db, id);
  return found ? success(found) : keyNotFound();
}

export const PAGE_SIZES = [25, 50, 100] as const;
export { SORT_FIELDS };

const cursorParam = z.string().max(400).optional().catch(undefined);

/** The table's state, as it sits in the URL. Anything unrecognised falls back to the default. */
export const listParamsSchema = z.object({
  q: z.string().trim().max(64).catch(''),
  status: z.enum(LIST_STATUSES).optional().catch(undefined),
  role: z.uuid().optional().catch(undefined),
  tag: z
    .string()
    .trim()
    .max(40)
    .optional()
    .catch(undefined)
    .transform((tag) => tag || undefined),
  sort: z.enum(SORT_FIELDS).catch('created'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
    .catch(25),
  // Where the page is (keyset): after or before a row, or the last page; none of them, the first.
  after: cursorParam,
  before: cursorParam,
  last: z.literal('1').optional().catch(undefined),
});
export type ListParams = z.output<typeof listParamsSchema> & ListFilters;

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

export type TablePage = {
  items: ApiAccess[];
  /** Exact up to `countLimit`; when `totalCapped`, there are more than `countLimit`. */
  total: number;
  totalCapped: boolean;
  countLimit: number;
  previous: string | null;
  next: string | null;
};

export async function listApiAccess({ actor, params }: { actor: Actor; params: ListParams }): Promise<Result<TablePage>> {
  const denied = authorize(actor, 'listApiAccess') ?? checkListFilters(actor, params);
  if (denied) return denied;
  const where = filtersOf(params);
  const position = { after: params.after, before: params.before, last: params.last === '1' };
  const countLimit = countLimitFor(params);
  const [page, [total]] = await Promise.all([
    keysetPage(where, params.sort, params.dir, position, params.size),
    countQuery(where, countLimit),
  ]);
  const matches = total?.n ?? 0;
  return success({
    items: await toApiAccessList(db, page.rows),
    total: Math.min(matches, countLimit),
    totalCapped: matches > countLimit,
    countLimit,
    previous: page.previous,
    next: page.next,
  });
}

/** Every tag in use, for the searchable Tag filter: read from the counts the triggers keep, not from every key. */
export async function listTags({ actor }: { actor: Actor }): Promise<Result<string[]>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  const rows = await listTagsQuery();
  return success(rows.map((row) => row.tag));
}

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
