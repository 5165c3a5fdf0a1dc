import 'server-only';
import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Queryable } from '@/db/client';
import { apiAccess, apiAccessRoles, roles, type ApiAccessRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { isAccessId } from './access-id';
import { statusAt } from './expiry';
import { keyNotFound } from './not-found';
import { checkListFilters, filtersOf, LIST_STATUSES, type ListFilters } from './list-filters';
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
export const SORT_FIELDS = ['name', 'created', 'expiration'] as const;

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
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
    .catch(25),
});
export type ListParams = z.output<typeof listParamsSchema> & ListFilters;

const sortColumns = { name: sql`lower(${apiAccess.name})`, created: apiAccess.createdAt, expiration: apiAccess.expiresAt };

export async function listApiAccess({
  actor,
  params,
}: {
  actor: Actor;
  params: ListParams;
}): Promise<Result<{ items: ApiAccess[]; total: number }>> {
  const denied = authorize(actor, 'listApiAccess') ?? checkListFilters(actor, params);
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
export async function listTags({ actor }: { actor: Actor }): Promise<Result<string[]>> {
  const denied = authorize(actor, 'listApiAccess');
  if (denied) return denied;
  const rows = await db.execute<{ tag: string }>(
    sql`select distinct unnest(${apiAccess.tags}) as tag from ${apiAccess} order by 1 limit 1000`,
  );
  return success(rows.map((row) => row.tag));
}

export const countApiAccess = async () => (await db.select({ n: count() }).from(apiAccess))[0]?.n ?? 0;
