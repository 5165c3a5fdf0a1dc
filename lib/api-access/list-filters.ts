import { and, eq, exists, gt, lte, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, apiAccessRoles } from '@/db/schema';
import { EXPIRING_SOON_DAYS } from './expiry';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import { fieldFailure, type Failure } from '@/lib/errors';
import { escapeLike } from '@/lib/like-pattern';

export const LIST_STATUSES = ['Active', 'Expired', 'ExpiringSoon', 'Disabled'] as const;

/** The one shape of the API Access filters: the table's URL, the REST query and the toolbar all carry it. */
export type ListFilters = { q?: string; status?: (typeof LIST_STATUSES)[number]; role?: string; tag?: string };

/** Filtering by role tells who holds which role: it needs getRole, in the table and the REST list alike. */
export function checkListFilters(actor: Pick<Actor, 'grants'>, filters: ListFilters): Failure | null {
  if (!filters.role || hasPermission(actor, 'getRole')) return null;
  return fieldFailure('role', 'Filtering by role needs the getRole permission.', 'FORBIDDEN');
}

/** A key's status at this instant, in SQL: the Status filter's and the overview's one rule (isExpired, isExpiringSoon in code). */
export function statusCondition(status: (typeof LIST_STATUSES)[number]): SQL {
  const live = gt(apiAccess.expiresAt, sql`now()`);
  if (status === 'Expired') return lte(apiAccess.expiresAt, sql`now()`);
  if (status === 'Disabled') return and(live, sql`not ${apiAccess.enabled}`)!;
  if (status === 'Active') return and(live, apiAccess.enabled)!;
  return and(live, apiAccess.enabled, lte(apiAccess.expiresAt, sql`now() + make_interval(days => ${EXPIRING_SOON_DAYS})`))!;
}

/** Whether the filters search by name (an empty search is none). */
export const isSearch = (params: ListFilters): params is ListFilters & { q: string } => Boolean(params.q);

/** The WHERE clause shared by the table and the REST list: name search, status at this instant, role id (resolved by the caller), tag. */
export function filtersOf(params: ListFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (isSearch(params)) conditions.push(sql`${apiAccess.name} ilike ${`%${escapeLike(params.q)}%`}`);
  if (params.status) conditions.push(statusCondition(params.status));
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
