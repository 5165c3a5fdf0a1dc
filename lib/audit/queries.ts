import 'server-only';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, auditLogs, roles, users, type AuditLogRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { isAccessId } from '@/lib/api-access/access-id';
import { isRoleId } from '@/lib/roles/schemas';
import { isUserId } from '@/lib/users/schemas';
import { auditFiltersOf, type AuditFilters } from './filters';

export const AUDIT_PAGE_SIZE = 50;

export type AuditLogPage = {
  before?: number;
  target?: { type: 'apiAccess' | 'role' | 'user'; id: string };
  filters?: AuditFilters;
  pageSize?: number;
};

/**
 * The one query behind the page, the REST endpoint, the CSV export and a key's history (its plan
 * at 1,000,000 entries is checked per filter). One row more than the page, to know if there is a next.
 */
export function auditLogPageQuery({ before, target, filters = {}, pageSize = AUDIT_PAGE_SIZE }: AuditLogPage) {
  return db
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
}

/**
 * Newest first, keyset-paginated by id so the page is stable while new entries arrive; the
 * whole log, or one target's own history (a key's detail view).
 */
export async function listAuditLog({
  actor,
  pageSize = AUDIT_PAGE_SIZE,
  ...page
}: AuditLogPage & { actor: Actor }): Promise<Result<{ entries: AuditLogRow[]; nextBefore: number | null }>> {
  const denied = authorize(actor, 'getAuditLog');
  if (denied) return denied;
  const rows = await auditLogPageQuery({ ...page, pageSize });
  const entries = rows.slice(0, pageSize);
  return success({ entries, nextBefore: rows.length > pageSize ? entries.at(-1)!.id : null });
}

/** What an entry can name: a user, a role or a key, by kind and id ("user:…", "role:…", "apiAccess:…"). */
export const subjectKey = (kind: string, id: string) => `${kind}:${id}`;

/**
 * Which of the users, roles and keys these entries name still exist, so the log links to them
 * or says they are gone. Three indexed lookups by primary key, whatever the page's size.
 */
export async function stillExisting(entries: AuditLogRow[]): Promise<ReadonlySet<string>> {
  const ids = { user: new Set<string>(), role: new Set<string>(), apiAccess: new Set<string>() };
  for (const entry of entries) {
    for (const [kind, id] of [
      [entry.actorKind, entry.actorId],
      [entry.targetType, entry.targetId],
    ] as const) {
      if (id && kind in ids) ids[kind as keyof typeof ids].add(id);
    }
  }
  // An id of another form names nothing (a refused request may carry any string): never sent to SQL.
  const userIds = [...ids.user].filter(isUserId);
  const roleIds = [...ids.role].filter(isRoleId);
  const keyIds = [...ids.apiAccess].filter(isAccessId);
  const [foundUsers, foundRoles, foundKeys] = await Promise.all([
    userIds.length ? db.select({ id: users.id }).from(users).where(inArray(users.id, userIds)) : [],
    roleIds.length ? db.select({ id: roles.id }).from(roles).where(inArray(roles.id, roleIds)) : [],
    keyIds.length ? db.select({ id: apiAccess.id }).from(apiAccess).where(inArray(apiAccess.id, keyIds)) : [],
  ]);
  return new Set([
    ...foundUsers.map(({ id }) => subjectKey('user', id)),
    ...foundRoles.map(({ id }) => subjectKey('role', id)),
    ...foundKeys.map(({ id }) => subjectKey('apiAccess', id)),
  ]);
}
