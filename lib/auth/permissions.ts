import { z } from 'zod';

/** The permission catalog of SPEC §1. The names are a public contract. */
export const PERMISSIONS = [
  'listApiAccess',
  'getApiAccess',
  'createApiAccess',
  'updateApiAccess',
  'regenerateApiAccess',
  'deleteApiAccess',
  'getRole',
  'createRole',
  'updateRole',
  'deleteRole',
  'getUser',
  'createUser',
  'updateUser',
  'deleteUser',
  'getAuditLog',
  'getWebhook',
  'createWebhook',
  'updateWebhook',
  'deleteWebhook',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const permissionSchema = z.enum(PERMISSIONS);

/**
 * Grants that may carry an Access Name pattern: on createApiAccess, the names it may give; on the
 * others (team scoping), the keys it reaches. A grant without a pattern is unconstrained.
 */
export const PATTERN_PERMISSIONS = [
  'createApiAccess',
  'updateApiAccess',
  'regenerateApiAccess',
  'deleteApiAccess',
] as const satisfies Permission[];
export type PatternPermission = (typeof PATTERN_PERMISSIONS)[number];
export const takesPattern = (permission: Permission): permission is PatternPermission =>
  (PATTERN_PERMISSIONS as readonly Permission[]).includes(permission);
/** The permissions whose grants reach existing keys by name. */
export type KeyReachPermission = Exclude<PatternPermission, 'createApiAccess'>;

export type Grant = { permission: Permission; accessNamePattern?: string };

/** The permissions a set of grants amounts to, in catalog order. */
export const permissionsOf = (grants: readonly { permission: Permission }[]): Permission[] =>
  PERMISSIONS.filter((permission) => grants.some((grant) => grant.permission === permission));

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  listApiAccess: 'See the API Access table',
  getApiAccess: 'Open one API Access',
  createApiAccess: 'Create API Access',
  updateApiAccess: 'Edit API Access',
  regenerateApiAccess: 'Regenerate tokens',
  deleteApiAccess: 'Delete API Access',
  getRole: 'View roles and assign them to API Access',
  createRole: 'Create roles',
  updateRole: 'Edit roles',
  deleteRole: 'Delete roles',
  getUser: 'View users',
  createUser: 'Create users',
  updateUser: 'Edit users',
  deleteUser: 'Delete users',
  getAuditLog: 'Read the audit log',
  getWebhook: 'See webhook endpoints and their deliveries',
  createWebhook: 'Create webhook endpoints',
  updateWebhook: 'Edit webhook endpoints, rotate their secrets, send test events, resend deliveries',
  deleteWebhook: 'Delete webhook endpoints',
};

export const READ_ONLY_PERMISSIONS: Permission[] = ['listApiAccess', 'getApiAccess', 'getRole', 'getUser', 'getAuditLog', 'getWebhook'];

export const PREDEFINED_ROLES = {
  ADMIN: {
    description: 'Every permission, unconstrained. Cannot be edited or deleted.',
    grants: PERMISSIONS.map((permission) => ({ permission })),
  },
  READ_ONLY: {
    description: 'Every list and get permission.',
    grants: READ_ONLY_PERMISSIONS.map((permission) => ({ permission })),
  },
} satisfies Record<string, { description: string; grants: Grant[] }>;

export const ADMIN_ROLE_NAME = 'ADMIN';
