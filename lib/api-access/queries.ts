import 'server-only';
import { and, asc, count, desc, eq, exists, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '@/db/client';
import { apiAccess, apiAccessRoles, apiAccessUsage, roles, type ApiAccessRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { failure, success, type Result } from '@/lib/errors';
import { isAccessId } from './access-id';
import type { ApiAccess } from './types';

export const statusAt = (expiresAt: Date, now = new Date()) => (expiresAt.getTime() > now.getTime() ? 'Active' : 'Expired');

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
 * One API Access. `permission` is what the caller is about to do: editing or
 * regenerating shows the current values and needs no getApiAccess of its own.
 */
export async function getApiAccess({
  actor,
  id,
  permission = 'getApiAccess',
}: {
  actor: Actor;
  id: string;
  permission?: 'getApiAccess' | 'updateApiAccess' | 'regenerateApiAccess';
}): Promise<Result<ApiAccess>> {
  const denied = authorize(actor, permission);
  if (denied) return denied;
  const found = await findApiAccess(db, id);
  return found ? success(found) : failure('NOT_FOUND', 'No API Access has this Access ID. It may have been deleted.');
}

export const PAGE_SIZES = [25, 50, 100] as const;
export const SORT_FIELDS = ['name', 'created', 'expiration'] as const;

/** The table's state, as it sits in the URL. Anything unrecognised falls back to the default. */
export const listParamsSchema = z.object({
  q: z.string().trim().max(64).catch(''),
  status: z.enum(['Active', 'Expired']).optional().catch(undefined),
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
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
    .catch(25),
});
export type ListParams = z.output<typeof listParamsSchema>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function filtersOf(params: Pick<ListParams, 'q' | 'status' | 'role' | 'tag'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (params.q) conditions.push(sql`${apiAccess.name} ilike ${`%${escapeLike(params.q)}%`}`);
  if (params.status === 'Active') conditions.push(gt(apiAccess.expiresAt, sql`now()`));
  if (params.status === 'Expired') conditions.push(lte(apiAccess.expiresAt, sql`now()`));
  if (params.tag) conditions.push(sql`${apiAccess.tags} @> array[${params.tag}]::text[]`);
  if (params.role) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(apiAccessRoles)
          .where(and(eq(apiAccessRoles.apiAccessId, apiAccess.id), eq(apiAccessRoles.roleId, params.role))),
      ),
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

const sortColumns = { name: sql`lower(${apiAccess.name})`, created: apiAccess.createdAt, expiration: apiAccess.expiresAt };

export async function listApiAccess({
  actor,
  params,
}: {
  actor: Actor;
  params: ListParams;
}): Promise<Result<{ items: ApiAccess[]; total: number }>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  const where = filtersOf(params);
  const order = params.dir === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(apiAccess)
      .where(where)
      .orderBy(order(sortColumns[params.sort]), order(apiAccess.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(apiAccess).where(where),
  ]);
  return success({ items: await toApiAccessList(db, rows), total: total?.n ?? 0 });
}

/** Every tag in use, for the searchable Tag filter. */
export async function listTags({ actor }: { actor: Actor }): Promise<string[]> {
  if (authorize(actor, 'listApiAccess')) return [];
  const rows = await db.execute<{ tag: string }>(
    sql`select distinct unnest(${apiAccess.tags}) as tag from ${apiAccess} order by 1 limit 1000`,
  );
  return rows.map((row) => row.tag);
}

export const countApiAccess = async () => (await db.select({ n: count() }).from(apiAccess))[0]?.n ?? 0;

export type PageFilters = { q?: string; status?: 'Active' | 'Expired'; role?: string; tag?: string };

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const encodeCursor = (createdAt: string, id: string) => Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Exactly what encodeCursor writes: anything else would reach PostgreSQL as a bad timestamp.
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && CURSOR_INSTANT.test(String(value[0]))) {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  return null;
}

/**
 * Newest first, keyset-paginated: the cursor is the last row's creation instant
 * (to the microsecond) and Access ID, so pages stay stable while keys come and go.
 */
export async function listApiAccessPage({
  actor,
  filters,
  cursor,
  limit,
}: {
  actor: Actor;
  filters: PageFilters;
  cursor?: string;
  limit: number;
}): Promise<Result<{ items: ApiAccess[]; nextCursor: string | null }>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && !after)
    return failure('VALIDATION', 'The cursor is not one this API returned.', { cursor: ['The cursor is not one this API returned.'] });
  let roleId: string | undefined;
  if (filters.role) {
    const [role] = await db
      .select({ id: roles.id })
      .from(roles)
      .where(z.uuid().safeParse(filters.role).success ? eq(roles.id, filters.role) : sql`lower(${roles.name}) = lower(${filters.role})`);
    if (!role) return success({ items: [], nextCursor: null });
    roleId = role.id;
  }
  const createdAtText = sql<string>`to_char(${apiAccess.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const rows = await db
    .select({ row: apiAccess, createdAtText })
    .from(apiAccess)
    .where(
      and(
        filtersOf({ q: filters.q ?? '', status: filters.status, role: roleId, tag: filters.tag }),
        after ? sql`(${apiAccess.createdAt}, ${apiAccess.id}) < (${after[0]}::timestamptz, ${after[1]})` : undefined,
      ),
    )
    .orderBy(desc(apiAccess.createdAt), desc(apiAccess.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return success({
    items: await toApiAccessList(
      db,
      page.map(({ row }) => row),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAtText, last.row.id) : null,
  });
}

export type DailyUsage = { day: string; count: number };

/** Uses per UTC day over the last `days` days, oldest first, with zero days filled in. */
export async function usageByDay(id: string, days = 30): Promise<DailyUsage[]> {
  const rows = await db
    .select({ day: apiAccessUsage.day, count: apiAccessUsage.count })
    .from(apiAccessUsage)
    .where(and(eq(apiAccessUsage.apiAccessId, id), sql`${apiAccessUsage.day} > (now() at time zone 'UTC')::date - ${days}::int`));
  const counts = new Map(rows.map((row) => [row.day, row.count]));
  const today = new Date();
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1 - i)))
      .toISOString()
      .slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
}
