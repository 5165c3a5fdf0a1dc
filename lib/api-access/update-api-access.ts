import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { apiAccess, apiAccessRoles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { hasPermission } from '@/lib/auth/authorize';
import { fieldFailure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { resolveAssignableRoles } from '@/lib/roles/resolve-assignable-roles';
import { announceTokenChange } from '@/lib/tokens/announce-change';
import { inTransaction } from '@/lib/transaction';
import { apiAccessUpdateEvent, raiseApiAccessEvent } from '@/lib/webhooks/api-access-events';
import { findApiAccess, rateLimitColumns } from './rows';
import { auditSnapshot } from './audit-snapshot';
import { checkActOnKeys, checkRename, duplicateAccessName, lockKeyForChange, rolesAdded } from './rules';
import { updateApiAccessInput } from './schemas';
import { END_GRACE_NOW } from './end-grace';
import type { ApiAccess } from './types';

/** Disabling and enabling are entries of their own (other fields changed with them are in the same entry's before/after). */
const auditActionOf = (before: ApiAccess, after: ApiAccess) =>
  before.enabled === after.enabled ? 'apiAccess.update' : after.enabled ? 'apiAccess.enable' : 'apiAccess.disable';

export const updateApiAccess = defineOperation({
  permission: 'updateApiAccess',
  input: updateApiAccessInput,
  async run(actor, { id, roles: roleIds, rateLimit, ...fields }) {
    return inTransaction(
      async (tx) => {
        const locked = await lockKeyForChange(tx, id);
        if (!locked.ok) return locked;
        const before = locked.data;
        const refused = await checkActOnKeys(tx, actor, 'updateApiAccess', [before]);
        if (refused) return refused;
        // SPEC §8: its token is out in the open; only a new token makes the key safe to use again.
        if (fields.enabled === true && before.leakedAt) {
          return fieldFailure('enabled', 'This key was reported leaked and cannot be enabled again: regenerate it instead.', 'CONFLICT');
        }
        if (fields.name !== undefined && fields.name !== before.name) {
          const refused = checkRename(actor, before.name, fields.name);
          if (refused) return refused;
        }
        if (roleIds) {
          const added = rolesAdded(before, roleIds);
          const removed = before.roles.map((role) => role.id).filter((roleId) => !roleIds.includes(roleId));
          if ((added.length || removed.length) && !hasPermission(actor, 'getRole')) {
            return fieldFailure('roles', 'Changing roles needs the getRole permission.', 'FORBIDDEN');
          }
          // Only what is added must be assignable: removing a role never widens access.
          const assigned = await resolveAssignableRoles(tx, actor, added);
          if (!assigned.ok) return assigned;
          if (removed.length)
            await tx.delete(apiAccessRoles).where(and(eq(apiAccessRoles.apiAccessId, id), inArray(apiAccessRoles.roleId, removed)));
          if (added.length) await tx.insert(apiAccessRoles).values(added.map((roleId) => ({ apiAccessId: id, roleId })));
        }
        await tx
          .update(apiAccess)
          // Disabling ends a rotation's grace too (SPEC §7): enabling again must not revive the old token.
          .set({
            ...fields,
            ...(rateLimit !== undefined && rateLimitColumns(rateLimit)),
            ...(fields.enabled === false ? END_GRACE_NOW : {}),
            updatedAt: sql`now()`,
          })
          .where(eq(apiAccess.id, id));
        // A cached token carries the key's name, roles, whether it is enabled, its allowed IPs and rate limit.
        announceTokenChange(tx, id);
        const after = (await findApiAccess(tx, id))!;
        await recordAudit(tx, actor, {
          action: auditActionOf(before, after),
          targetId: id,
          targetName: after.name,
          before: auditSnapshot(before),
          after: auditSnapshot(after),
        });
        await raiseApiAccessEvent(tx, actor, apiAccessUpdateEvent(before, after), after);
        return success(after);
      },
      { uniqueViolation: duplicateAccessName(fields.name ?? '') },
    );
  },
});
