import type { AuditLogRow } from '@/db/schema';
import type { ApiAccess } from '@/lib/api-access/types';
import type { Role } from '@/lib/roles/types';
import type { ApiAccessJson, AuditEntryJson, RoleJson } from './contract';

/** ApiAccess as JSON: timestamps in ISO 8601 UTC. */
export const apiAccessJson = (item: ApiAccess): ApiAccessJson => ({
  id: item.id,
  name: item.name,
  description: item.description,
  tags: item.tags,
  type: item.type,
  roles: item.roles,
  status: item.status,
  expiresAt: item.expiresAt.toISOString(),
  createdAt: item.createdAt.toISOString(),
  updatedAt: item.updatedAt.toISOString(),
  createdBy: item.createdBy,
  lastUsedAt: item.lastUsedAt?.toISOString() ?? null,
  tokenStart: item.tokenStart,
  enabled: item.enabled,
  leakedAt: item.leakedAt?.toISOString() ?? null,
  allowedIps: item.allowedIps,
  rateLimit: item.rateLimit,
  previousTokenExpiresAt: item.previousTokenExpiresAt?.toISOString() ?? null,
});

export const roleJson = (role: Role): RoleJson => ({
  id: role.id,
  name: role.name,
  description: role.description,
  predefined: role.predefined,
  grants: role.grants.map((grant) => (grant.accessNamePattern ? grant : { permission: grant.permission })),
});

/** An audit entry as the REST API shows it. */
export const auditEntryJson = (entry: AuditLogRow): AuditEntryJson => ({
  id: entry.id,
  at: entry.at.toISOString(),
  actor: { kind: entry.actorKind, id: entry.actorId, name: entry.actorName },
  action: entry.action,
  target: { type: entry.targetType, id: entry.targetId, name: entry.targetName },
  ip: entry.ip,
  userAgent: entry.userAgent,
  changes: entry.changes,
});

/** For every response that carries a token: no cache, shared or private, may keep it. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;
