import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { deleteUserInput } from './schemas';
import { checkAdminRemains, loadUserToChange } from './user-rules';
import { userSnapshot } from './audit-snapshot';

export const deleteUser = defineOperation({
  permission: 'deleteUser',
  input: deleteUserInput,
  async run(actor, { id }) {
    if (actor.kind === 'user' && actor.id === id) return failure('FORBIDDEN', 'You cannot delete your own account.');
    return inTransaction(async (tx) => {
      const loaded = await loadUserToChange(tx, actor, id);
      if (!loaded.ok) return loaded;
      const before = loaded.data;
      await tx.delete(users).where(eq(users.id, id));
      const lastAdmin = await checkAdminRemains(tx);
      if (lastAdmin) return lastAdmin;
      await recordAudit(tx, actor, {
        action: 'user.delete',
        targetId: id,
        targetName: before.email,
        before: userSnapshot(before),
      });
      return success({ id });
    });
  },
});
