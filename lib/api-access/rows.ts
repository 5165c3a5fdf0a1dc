import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { apiAccess, apiAccessRoles, roles, type ApiAccessRow } from '@/db/schema';
import { isAccessId } from './access-id';
import { statusAt } from './expiry';
import type { RateLimit } from './schemas';
import { previousTokenEnd } from './rotation';
import type { ApiAccess } from './types';

// Unchecked reads, for operations and queries that already authorized their actor.

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
    status: statusAt(row, now),
    enabled: row.enabled,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: { kind: row.createdByKind, id: row.createdById, name: row.createdByName },
    lastUsedAt: row.lastUsedAt,
    tokenStart: row.tokenStart,
    allowedIps: row.allowedIps,
    rateLimit: rateLimitOf(row),
    previousTokenExpiresAt: previousTokenEnd(row, now),
    leakedAt: row.leakedAt,
    leak: row.leakSource ? { source: row.leakSource, url: row.leakUrl } : null,
  }));
}

/** The two columns of a rate limit as the one field of the public shape (the table's CHECK keeps them both set or both null). */
export const rateLimitOf = (row: Pick<ApiAccessRow, 'rateLimitLimit' | 'rateLimitWindowSeconds'>) =>
  row.rateLimitLimit !== null && row.rateLimitWindowSeconds !== null
    ? { limit: row.rateLimitLimit, windowSeconds: row.rateLimitWindowSeconds }
    : null;

/** The columns of a rate limit, from the public field (null clears both). */
export const rateLimitColumns = (rateLimit: RateLimit) => ({
  rateLimitLimit: rateLimit?.limit ?? null,
  rateLimitWindowSeconds: rateLimit?.windowSeconds ?? null,
});

/** One key by Access ID, unchecked: for operations that already authorized their actor. */
export async function findApiAccess(q: Queryable, id: string): Promise<ApiAccess | undefined> {
  if (!isAccessId(id)) return undefined;
  const rows = await q.select().from(apiAccess).where(eq(apiAccess.id, id));
  return (await toApiAccessList(q, rows))[0];
}
