import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';

export const ACCESS_MANAGEMENT_PAGES: { label: string; href: string; permission: Permission }[] = [
  { label: 'API Access', href: '/access-management/api-access', permission: 'listApiAccess' },
  { label: 'Roles', href: '/access-management/roles', permission: 'getRole' },
  { label: 'Users', href: '/access-management/users', permission: 'getUser' },
  { label: 'Audit Log', href: '/access-management/audit-log', permission: 'getAuditLog' },
];

/** Only the pages the actor may open are offered; each page checks again on the server. */
export const visiblePages = (actor: Pick<Actor, 'grants'>) =>
  ACCESS_MANAGEMENT_PAGES.filter((page) => hasPermission(actor, page.permission));
