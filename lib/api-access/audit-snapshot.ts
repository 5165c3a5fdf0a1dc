import type { ApiAccess } from './types';

/** What the audit log keeps of a key: never the token or its digest. */
export const auditSnapshot = (
  item: Pick<ApiAccess, 'name' | 'description' | 'tags' | 'expiresAt' | 'enabled' | 'allowedIps' | 'rateLimit'> & {
    roles: readonly { name: string }[];
  },
) => ({
  name: item.name,
  description: item.description,
  tags: item.tags,
  roles: item.roles.map((role) => role.name),
  expiresAt: item.expiresAt.toISOString(),
  enabled: item.enabled,
  allowedIps: item.allowedIps,
  rateLimit: item.rateLimit,
});
