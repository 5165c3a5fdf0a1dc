import 'server-only';
import { count, eq } from 'drizzle-orm';
import { apiAccessRoles, roles, userRoles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { hasPermission } from '@/lib/auth/authorize';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { deleteRoleInput, isRoleId } from './schemas';
import { roleSnapshot } from './audit-snapshot';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const deleteRole = defineOperation({
  permission: 'deleteRole',
  input: deleteRoleInput,
  async run(actor, { id }) {
    if (!isRoleId(id)) return failure('NOT_FOUND', 'This role does not exist.');
    return inTransaction(
      async (tx) => {
        const [current] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
        if (!current) return failure('NOT_FOUND', 'This role does not exist.');
        if (current.predefined) return failure('FORBIDDEN', `${current.name} is predefined and cannot be deleted.`);
        const [users] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
        const [keys] = await tx.select({ n: count() }).from(apiAccessRoles).where(eq(apiAccessRoles.roleId, id));
        const holders = [users!.n && plural(users!.n, 'user'), keys!.n && `${keys!.n} API Access`].filter(Boolean);
        if (holders.length) {
          // Without getRole the actor only knows the id: the role's name is not theirs to learn.
          const subject = hasPermission(actor, 'getRole') ? current.name : 'This role';
          return failure('CONFLICT', `${subject} is assigned to ${holders.join(' and ')}. Remove it from them first.`);
        }
        await tx.delete(roles).where(eq(roles.id, id));
        await recordAudit(tx, actor, {
          action: 'role.delete',
          targetId: id,
          targetName: current.name,
          before: roleSnapshot(current),
        });
        return success({ id });
      },
      // The role was assigned to someone between the check and the delete.
      { foreignKeyViolation: failure('CONFLICT', 'This role was just assigned to someone. Remove it from them first.') },
    );
  },
});
