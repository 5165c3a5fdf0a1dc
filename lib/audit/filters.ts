import { and, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditLogs } from '@/db/schema';
import { escapeLike } from '@/lib/like-pattern';

const text = z.string().trim().max(200);
const instant = z.iso.datetime({ offset: true }).or(z.iso.date());

/** The Audit Log's filters, one shape for the page's URL and the REST query. */
export const auditFiltersSchema = z.strictObject({
  actor: text.optional().describe('Actor id, or part of its name'),
  action: text.optional().describe('An action, or its start (apiAccess. matches every key action)'),
  target: text.optional().describe('Target id, or part of its name'),
  from: instant.optional().describe('From this instant (or day), inclusive'),
  to: instant.optional().describe('Until this instant (or day), exclusive'),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

/** The WHERE clause of the filters; every one is optional and they combine. */
export function auditFiltersOf(filters: AuditFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.actor)
    conditions.push(or(eq(auditLogs.actorId, filters.actor), ilike(auditLogs.actorName, `%${escapeLike(filters.actor)}%`)));
  if (filters.action) conditions.push(sql`${auditLogs.action} like ${`${escapeLike(filters.action)}%`}`);
  if (filters.target)
    conditions.push(or(eq(auditLogs.targetId, filters.target), ilike(auditLogs.targetName, `%${escapeLike(filters.target)}%`)));
  if (filters.from) conditions.push(gte(auditLogs.at, new Date(filters.from)));
  if (filters.to) conditions.push(lt(auditLogs.at, new Date(filters.to)));
  return conditions.length ? and(...conditions) : undefined;
}
