import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { notASignedInUser, type Self } from './self';
import { replaceRecoveryCodes, twoFactorStatus } from './store';

/** Ten new recovery codes, shown once; every earlier code stops working. The caller requires a recent sign-in. */
export async function regenerateRecoveryCodes(
  actor: Self,
  _input: Record<string, never> = {},
): Promise<Result<{ recoveryCodes: string[] }>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  if (!(await twoFactorStatus(actor.id)).enabled) return failure('CONFLICT', 'Two-factor authentication is not on.');
  return inTransaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.id);
    await recordAudit(tx, actor, { action: 'user.recoveryCodesRegenerate', targetId: actor.id, targetName: actor.email });
    return success({ recoveryCodes });
  });
}
