import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { loadUserToChange } from '@/lib/users/user-rules';
import { resetTwoFactorInput } from './schemas';
import { lockUserRow, removeTwoFactor } from './store';

/**
 * An administrator turns another user's two-factor off (a lost phone, no recovery code left): the
 * user signs in with the password alone and may set it up again. Under the rules of every change
 * to a user (no acting on someone who holds more); the form adapter requires a recent sign-in.
 * One's own goes through the Account page, with the password.
 */
export const resetTwoFactor = defineOperation({
  permission: 'updateUser',
  input: resetTwoFactorInput,
  async run(actor, { id }) {
    if (actor.kind === 'user' && actor.id === id) {
      return failure('FORBIDDEN', 'Turn your own two-factor authentication off on the Account page, with your password.');
    }
    return inTransaction(async (tx) => {
      const loaded = await loadUserToChange(tx, actor, id);
      if (!loaded.ok) return loaded;
      // The user's row first, as their own turn-off and passkey changes take it: a passkey being added meanwhile does not survive the reset.
      await lockUserRow(tx, id);
      if (!(await removeTwoFactor(tx, id))) return failure('CONFLICT', 'This user has no two-factor authentication to reset.');
      await recordAudit(tx, actor, {
        action: 'user.twoFactorReset',
        targetId: id,
        targetName: loaded.data.email,
        before: { twoFactor: true },
        after: { twoFactor: false },
      });
      return success({ id });
    });
  },
});
