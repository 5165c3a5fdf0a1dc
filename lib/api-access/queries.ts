import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { roles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { failure, success, type Result } from '@/lib/errors';
import { decodeCursor, keysetPage } from './keyset';
import { checkListFilters, filtersOf, type ListFilters } from './list-filters';
import { anyApiAccess, countLimitFor, countQuery, listTagsQuery } from './list-sql';
import { keyNotFound } from './not-found';
import { findApiAccess, toApiAccessList } from './rows';
import type { ListParams } from './table-params';
import type { ApiAccess } from './types';

// The authorized reads of API Access: each checks its actor first. Unchecked lookups for
// operations are in ./rows.ts; the list's SQL in ./list-sql.ts; the table's URL state in ./table-params.ts.

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

/**
 * The role filter, one rule for the table and the REST list: a role id or a role name (any case).
 * Null when no role answers to it: the list is then empty.
 */
async function resolveRoleFilter(role: string): Promise<string | null> {
  const [found] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(z.uuid().safeParse(role).success ? eq(roles.id, role) : sql`lower(${roles.name}) = lower(${role})`);
  return found?.id ?? null;
}

/**
 * The one gate and WHERE clause of every list of keys, the table's and the REST list's: the
 * permission, the filters the actor may use, the role resolved. Null: nothing can match.
 */
async function authorizedFilters(actor: Actor, filters: ListFilters): Promise<Result<SQL | undefined | null>> {
  const denied = authorize(actor, 'listApiAccess') ?? checkListFilters(actor, filters);
  if (denied) return denied;
  const roleId = filters.role ? await resolveRoleFilter(filters.role) : undefined;
  return success(roleId === null ? null : filtersOf({ ...filters, role: roleId }));
}

export type TablePage = {
  items: ApiAccess[];
  /** Exact up to `countLimit`; when `totalCapped`, there are more than `countLimit`. */
  total: number;
  totalCapped: boolean;
  countLimit: number;
  previous: string | null;
  next: string | null;
  /** Whether any key exists at all, when this page is empty (the first-use message). */
  anyKeys: boolean;
};

/** The table: a page in any sort and direction, with its count (exact up to countLimitFor). */
export async function listApiAccess({ actor, params }: { actor: Actor; params: ListParams }): Promise<Result<TablePage>> {
  const where = await authorizedFilters(actor, params);
  if (!where.ok) return where;
  const countLimit = countLimitFor(params);
  const position = { after: params.after, before: params.before, last: params.last === '1' };
  const [page, [counted]] =
    where.data === null
      ? [{ rows: [], previous: null, next: null }, [{ n: 0 }]]
      : await Promise.all([keysetPage(where.data, params.sort, params.dir, position, params.size), countQuery(where.data, countLimit)]);
  const matches = counted?.n ?? 0;
  return success({
    items: await toApiAccessList(db, page.rows),
    total: Math.min(matches, countLimit),
    totalCapped: matches > countLimit,
    countLimit,
    previous: page.previous,
    next: page.next,
    anyKeys: page.rows.length > 0 || (await anyApiAccess()),
  });
}

/**
 * The REST list: newest first, keyset-paginated. The cursor is the last row's creation instant
 * (to the microsecond) and Access ID, so pages stay stable while keys come and go.
 */
export async function listApiAccessPage({
  actor,
  filters,
  cursor,
  limit,
}: {
  actor: Actor;
  filters: ListFilters;
  cursor?: string;
  limit: number;
}): Promise<Result<{ items: ApiAccess[]; nextCursor: string | null }>> {
  const where = await authorizedFilters(actor, filters);
  if (!where.ok) return where;
  if (cursor && !decodeCursor(cursor, 'created'))
    return failure('VALIDATION', 'The cursor is not one this API returned.', { cursor: ['The cursor is not one this API returned.'] });
  if (where.data === null) return success({ items: [], nextCursor: null });
  const page = await keysetPage(where.data, 'created', 'desc', { after: cursor }, limit);
  return success({ items: await toApiAccessList(db, page.rows), nextCursor: page.next });
}

/** Every tag in use, for the searchable Tag filter: read from the counts the triggers keep, not from every key. */
export async function listTags({ actor }: { actor: Actor }): Promise<Result<string[]>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  const rows = await listTagsQuery();
  return success(rows.map((row) => row.tag));
}
