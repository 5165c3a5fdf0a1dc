import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { apiAccess, roles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { failure, success, type Result } from '@/lib/errors';
import { checkListFilters, filtersOf, type ListFilters } from './list-filters';
import { toApiAccessList } from './queries';
import type { ApiAccess } from './types';

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
  filters: ListFilters;
  cursor?: string;
  limit: number;
}): Promise<Result<{ items: ApiAccess[]; nextCursor: string | null }>> {
  const denied = authorize(actor, 'listApiAccess') ?? checkListFilters(actor, filters);
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
        filtersOf({ ...filters, role: roleId }),
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
