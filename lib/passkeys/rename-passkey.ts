import 'server-only';
import { and, eq } from 'drizzle-orm';
import { passkeys } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success, validationFailure, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { notASignedInUser, type Self } from '@/lib/two-factor/self';
import { renamePasskeyInput } from './schemas';

/** A new name for one of the user's own passkeys (nobody names another's). */
export async function renamePasskey(actor: Self, raw: Record<string, unknown>): Promise<Result<{ id: string }>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  const parsed = renamePasskeyInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const { id, name } = parsed.data;
  return inTransaction(async (tx) => {
    const mine = and(eq(passkeys.id, id), eq(passkeys.userId, actor.id));
    const [before] = await tx.select({ name: passkeys.name }).from(passkeys).where(mine).for('update');
    if (!before) return failure('NOT_FOUND', 'No such passkey.');
    await tx.update(passkeys).set({ name }).where(mine);
    await recordAudit(tx, actor, {
      action: 'user.passkeyRename',
      targetId: actor.id,
      targetName: actor.email,
      before: { passkey: before.name },
      after: { passkey: name },
    });
    return success({ id });
  });
}
