import 'server-only';
import { and, desc, eq, lt } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLogs, type AuditLogRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { auditFiltersOf, type AuditFilters } from './filters';

export const AUDIT_PAGE_SIZE = 50;

/**
 * Newest first, keyset-paginated by id so the page is stable while new entries arrive; the
 * whole log, or one target's own history (a key's detail view).
 */
export async function listAuditLog({
  actor,
  before,
  target,
  filters = {},
  pageSize = AUDIT_PAGE_SIZE,
}: {
  actor: Actor;
  before?: number;
  target?: { type: 'apiAccess' | 'role' | 'user'; id: string };
  filters?: AuditFilters;
  pageSize?: number;
}): Promise<Result<{ entries: AuditLogRow[]; nextBefore: number | null }>> {
  const denied = authorize(actor, 'getAuditLog');
  if (denied) return denied;
  const rows = await db
    .select()
    .from(auditLogs)
    .where(
      and(
        before ? lt(auditLogs.id, before) : undefined,
        target ? and(eq(auditLogs.targetType, target.type), eq(auditLogs.targetId, target.id)) : undefined,
        auditFiltersOf(filters),
      ),
    )
    .orderBy(desc(auditLogs.id))
    .limit(pageSize + 1);
  const entries = rows.slice(0, pageSize);
  return success({ entries, nextBefore: rows.length > pageSize ? entries.at(-1)!.id : null });
}
