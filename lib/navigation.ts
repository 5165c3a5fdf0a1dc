import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';
import { paths } from '@/lib/paths';

/** Each page, with the permissions any one of which makes it worth offering. */
export const ACCESS_MANAGEMENT_PAGES: { label: string; href: string; permissions: Permission[] }[] = [
  // Someone who may only create keys still needs the page that holds the Create button.
  { label: 'API Access', href: paths.apiAccess.table, permissions: ['listApiAccess', 'createApiAccess'] },
  { label: 'Roles', href: paths.roles.list, permissions: ['getRole'] },
  { label: 'Users', href: paths.users.list, permissions: ['getUser'] },
  { label: 'Audit Log', href: paths.auditLog, permissions: ['getAuditLog'] },
  { label: 'Webhooks', href: paths.webhooks.list, permissions: ['getWebhook', 'createWebhook'] },
];

/** Only the pages the actor may open are offered; each page checks again on the server. */
export const visiblePages = (actor: Pick<Actor, 'grants'>) =>
  ACCESS_MANAGEMENT_PAGES.filter((page) => page.permissions.some((permission) => hasPermission(actor, permission)));
