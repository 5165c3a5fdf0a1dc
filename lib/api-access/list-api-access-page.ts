import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { roles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { failure, success, type Result } from '@/lib/errors';
import { decodeCursor, keysetPage } from './keyset';
import { checkListFilters, filtersOf, type ListFilters } from './list-filters';
import { toApiAccessList } from './queries';
import type { ApiAccess } from './types';

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
  if (cursor && !decodeCursor(cursor, 'created'))
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
  const page = await keysetPage(filtersOf({ ...filters, role: roleId }), 'created', 'desc', { after: cursor }, limit);
  return success({ items: await toApiAccessList(db, page.rows), nextCursor: page.next });
}
