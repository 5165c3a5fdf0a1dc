import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';

/** What an entry can be about: a key, a role or a user (whose own history the detail pages show), or the log itself. */
export const AUDIT_TARGET_TYPES = ['apiAccess', 'role', 'user', 'auditLog', 'webhook'] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** What each permission acts on: the target type of the entry a refusal of it writes. */
export const PERMISSION_TARGETS = {
  listApiAccess: 'apiAccess',
  getApiAccess: 'apiAccess',
  createApiAccess: 'apiAccess',
  updateApiAccess: 'apiAccess',
  regenerateApiAccess: 'apiAccess',
  deleteApiAccess: 'apiAccess',
  getRole: 'role',
  createRole: 'role',
  updateRole: 'role',
  deleteRole: 'role',
  getUser: 'user',
  createUser: 'user',
  updateUser: 'user',
  deleteUser: 'user',
  getAuditLog: 'auditLog',
  getWebhook: 'webhook',
  createWebhook: 'webhook',
  updateWebhook: 'webhook',
  deleteWebhook: 'webhook',
} as const satisfies Record<Permission, AuditTargetType>;

/** The action of a refusal's entry starts with this, followed by the permission refused. */
export const REFUSED_PREFIX = 'refused.';
export type RefusedAction = `${typeof REFUSED_PREFIX}${Permission}`;
export const refusedAction = (permission: Permission): RefusedAction => `${REFUSED_PREFIX}${permission}`;

// The names are stored and filtered on (by prefix) and exported: they stay as first written.
// New names are camelCase after the dot (docs/decisions.md, "Audit action names").
const NAMED_ACTIONS = {
  'apiAccess.create': { target: 'apiAccess' },
  'apiAccess.update': { target: 'apiAccess' },
  'apiAccess.regenerate': { target: 'apiAccess' },
  'apiAccess.delete': { target: 'apiAccess' },
  'apiAccess.disable': { target: 'apiAccess' },
  'apiAccess.enable': { target: 'apiAccess' },
  'apiAccess.retiredTokenUsed': { target: 'apiAccess' },
  'apiAccess.leaked': { target: 'apiAccess' },
  'role.create': { target: 'role' },
  'role.update': { target: 'role' },
  'role.delete': { target: 'role' },
  'user.create': { target: 'user' },
  'user.update': { target: 'user' },
  'user.update_password': { target: 'user' },
  'user.delete': { target: 'user' },
  'user.change_own_password': { target: 'user' },
  'user.sign_out_everywhere': { target: 'user' },
  'auth.sign_in': { target: 'user' },
  'auth.sign_in_refused': { target: 'user' },
  'auth.confirm_password': { target: 'user' },
  'auth.confirm_password_refused': { target: 'user' },
  'auth.sign_out': { target: 'user' },
  // Two-factor (SPEC §10). The sign-in step's entries stay under auth., beside the password's.
  'auth.secondFactor': { target: 'user' },
  'auth.secondFactorRefused': { target: 'user' },
  'auth.recoveryCodeUsed': { target: 'user' },
  'user.twoFactorEnable': { target: 'user' },
  // The authenticator app confirmed while two-factor was already on (a passkey turned it on).
  'user.authenticatorAppAdd': { target: 'user' },
  'user.twoFactorDisable': { target: 'user' },
  'user.twoFactorReset': { target: 'user' },
  'user.recoveryCodesRegenerate': { target: 'user' },
  // Passkeys (issue 22 item 2): signing in with one is auth.secondFactor with method 'passkey'.
  'user.passkeyRegister': { target: 'user' },
  'user.passkeyRename': { target: 'user' },
  'user.passkeyRemove': { target: 'user' },
  'webhook.create': { target: 'webhook' },
  'webhook.update': { target: 'webhook' },
  'webhook.delete': { target: 'webhook' },
  'webhook.rotateSecret': { target: 'webhook' },
  'webhook.test': { target: 'webhook' },
  'webhook.resend': { target: 'webhook' },
  'webhook.disabledByReceiver': { target: 'webhook' },
} as const satisfies Record<string, { target: AuditTargetType }>;

const REFUSALS = Object.fromEntries(
  PERMISSIONS.map((permission) => [refusedAction(permission), { target: PERMISSION_TARGETS[permission] }]),
) as { [P in Permission as `${typeof REFUSED_PREFIX}${P}`]: { target: (typeof PERMISSION_TARGETS)[P] } };

/** Every action the audit log records, with the type of its target: nothing else can be written. */
export const AUDIT_ACTIONS = { ...NAMED_ACTIONS, ...REFUSALS };
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const auditTargetType = (action: AuditAction): AuditTargetType => AUDIT_ACTIONS[action].target;
