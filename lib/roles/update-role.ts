import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { roles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { announceTokenChange } from '@/lib/tokens/announce-change';
import { inTransaction } from '@/lib/transaction';
import { toRole } from './queries';
import { checkGrantsHeld } from '@/lib/auth/escalation';
import { checkGrantPatterns } from './grant-patterns';
import { duplicateRoleName } from './role-rules';
import { isRoleId, updateRoleInput } from './schemas';
import { roleSnapshot } from './audit-snapshot';

export const updateRole = defineOperation({
  permission: 'updateRole',
  input: updateRoleInput,
  async run(actor, { id, ...changes }) {
    if (!isRoleId(id)) return failure('NOT_FOUND', 'This role does not exist.');
    if (changes.grants) {
      const notHeld = checkGrantsHeld(actor, changes.grants);
      if (notHeld) return notHeld;
    }
    return inTransaction(
      async (tx) => {
        const [current] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
        if (!current) return failure('NOT_FOUND', 'This role does not exist.');
        if (current.predefined) return failure('FORBIDDEN', `${current.name} is predefined and cannot be edited.`);
        // Editing a role changes what everyone holding it can do: the editor must hold all of it.
        const notHeld = checkGrantsHeld(actor, current.grants);
        if (notHeld) return notHeld;
        const badPattern = changes.grants && (await checkGrantPatterns(changes.grants));
        if (badPattern) return badPattern;
        const [row] = await tx
          .update(roles)
          .set({ ...changes, updatedAt: sql`now()` })
          .where(eq(roles.id, id))
          .returning();
        // Every key holding this role may now have other permissions.
        if (changes.grants || changes.name) announceTokenChange(tx);
        const before = toRole(current);
        const after = toRole(row!);
        await recordAudit(tx, actor, {
          action: 'role.update',
          targetId: id,
          targetName: after.name,
          before: roleSnapshot(before),
          after: roleSnapshot(after),
        });
        return success(after);
      },
      { uniqueViolation: duplicateRoleName(changes.name ?? '') },
    );
  },
});
