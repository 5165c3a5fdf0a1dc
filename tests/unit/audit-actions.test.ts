import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  auditTargetType,
  PERMISSION_TARGETS,
  refusedAction,
  type AuditAction,
} from '@/lib/audit/actions';
import { PERMISSIONS } from '@/lib/auth/permissions';

const actions = Object.keys(AUDIT_ACTIONS) as AuditAction[];

// Written before the casing was settled (docs/decisions.md, "Audit action names"): stored, so kept.
const SNAKE_CASE_KEPT = [
  'user.update_password',
  'user.change_own_password',
  'user.sign_out_everywhere',
  'auth.sign_in',
  'auth.sign_in_refused',
  'auth.confirm_password',
  'auth.confirm_password_refused',
  'auth.sign_out',
];

describe('the audit action catalogue', () => {
  it('names a valid target type for every action', () => {
    for (const action of actions) expect(AUDIT_TARGET_TYPES, action).toContain(auditTargetType(action));
  });

  it('has a refusal for every permission, about what the permission acts on', () => {
    for (const permission of PERMISSIONS) {
      expect(AUDIT_ACTIONS, permission).toHaveProperty([refusedAction(permission)]);
      expect(auditTargetType(refusedAction(permission))).toBe(PERMISSION_TARGETS[permission]);
    }
    expect(PERMISSION_TARGETS).toMatchObject({ deleteRole: 'role', createUser: 'user', regenerateApiAccess: 'apiAccess' });
  });

  it('names each action <subject>.<camelCase>, but for the snake_case names already stored', () => {
    for (const action of actions) {
      expect(action).toMatch(/^(apiAccess|role|user|auth|webhook|refused)\.[a-z][a-zA-Z_]*$/);
      if (!SNAKE_CASE_KEPT.includes(action)) expect(action, `${action}: camelCase after the dot`).toMatch(/^[a-zA-Z]+\.[a-z][a-zA-Z]*$/);
    }
    for (const kept of SNAKE_CASE_KEPT) expect(actions).toContain(kept);
  });
});
