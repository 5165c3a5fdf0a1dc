import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { confirmOwnPassword } from '@/lib/auth/confirm-password';
import { failure, fieldFailure, success, validationFailure, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { disableTwoFactorInput } from './schemas';
import { notASignedInUser, type Self } from './self';
import { lockUserRow, removeTwoFactor } from './store';

/** Turning one's own two-factor off takes the current password, every time (not only a recent sign-in). */
export async function disableTwoFactor(actor: Self, raw: Record<string, unknown>): Promise<Result<null>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  const parsed = disableTwoFactorInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const confirmed = await confirmOwnPassword(actor, parsed.data.password);
  if (!confirmed.ok) return fieldFailure('password', confirmed.message, 'FORBIDDEN');
  return inTransaction(async (tx) => {
    // The user's row, locked as adding or removing a factor does: a passkey being added now is
    // either in before this removes everything, or waits and finds two-factor off.
    await lockUserRow(tx, actor.id);
    if (!(await removeTwoFactor(tx, actor.id))) return failure('CONFLICT', 'Two-factor authentication is not on.');
    await recordAudit(tx, actor, {
      action: 'user.twoFactorDisable',
      targetId: actor.id,
      targetName: actor.email,
      before: { twoFactor: true },
      after: { twoFactor: false },
    });
    return success(null);
  });
}
