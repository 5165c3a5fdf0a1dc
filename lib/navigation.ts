import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';

/** Each page, with the permissions any one of which makes it worth offering. */
export const ACCESS_MANAGEMENT_PAGES: { label: string; href: string; permissions: Permission[] }[] = [
  // Someone who may only create keys still needs the page that holds the Create button.
  { label: 'API Access', href: '/access-management/api-access', permissions: ['listApiAccess', 'createApiAccess'] },
  { label: 'Roles', href: '/access-management/roles', permissions: ['getRole'] },
  { label: 'Users', href: '/access-management/users', permissions: ['getUser'] },
  { label: 'Audit Log', href: '/access-management/audit-log', permissions: ['getAuditLog'] },
];

/** Only the pages the actor may open are offered; each page checks again on the server. */
export const visiblePages = (actor: Pick<Actor, 'grants'>) =>
  ACCESS_MANAGEMENT_PAGES.filter((page) => page.permissions.some((permission) => hasPermission(actor, permission)));
