import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import { fieldFailure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { resolveAssignableRoles } from '@/lib/roles/resolve-assignable-roles';
import { inTransaction } from '@/lib/transaction';
import { findUser } from './queries';
import { updateUserInput } from './schemas';
import { checkAdminRemains, loadUserToChange, replaceUserRoles } from './user-rules';
import { userSnapshot } from './audit-snapshot';

export const updateUser = defineOperation({
  permission: 'updateUser',
  input: updateUserInput,
  async run(actor, { id, name, roles: roleIds, disabled, password }) {
    const isSelf = actor.kind === 'user' && actor.id === id;
    if (isSelf && disabled) return fieldFailure('disabled', 'You cannot disable your own account.', 'FORBIDDEN');
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    return inTransaction(async (tx) => {
      const loaded = await loadUserToChange(tx, actor, id);
      if (!loaded.ok) return loaded;
      const before = loaded.data;
      if (roleIds) {
        const assigned = await resolveAssignableRoles(tx, actor, roleIds);
        if (!assigned.ok) return assigned;
        await replaceUserRoles(tx, id, roleIds);
      }
      await tx
        .update(users)
        .set({
          name,
          disabled,
          passwordHash,
          // A new password or a disabled account ends every session at once.
          ...(passwordHash !== undefined || disabled ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, id));
      const lastAdmin = await checkAdminRemains(tx);
      if (lastAdmin) return lastAdmin;
      const after = (await findUser(tx, id))!;
      await recordAudit(tx, actor, {
        action: password === undefined ? 'user.update' : 'user.update_password',
        targetId: id,
        targetName: after.email,
        before: userSnapshot(before),
        after: userSnapshot(after),
      });
      return success(after);
    });
  },
});
