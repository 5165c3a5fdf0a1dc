import 'server-only';
import { desc, lt } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLogs, type AuditLogRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, keyset-paginated by id so the page is stable while new entries arrive. */
export async function listAuditLog({
  actor,
  before,
}: {
  actor: Actor;
  before?: number;
}): Promise<Result<{ entries: AuditLogRow[]; nextBefore: number | null }>> {
  const denied = authorize(actor, 'getAuditLog');
  if (denied) return denied;
  const rows = await db
    .select()
    .from(auditLogs)
    .where(before ? lt(auditLogs.id, before) : undefined)
    .orderBy(desc(auditLogs.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return success({ entries, nextBefore: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.id : null });
}
