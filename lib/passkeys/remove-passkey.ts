import 'server-only';
import { and, count, eq, isNotNull, ne } from 'drizzle-orm';
import { db, type Queryable } from '@/db/client';
import { passkeys, totpAuthenticators } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { confirmOwnPassword } from '@/lib/auth/confirm-password';
import { failure, fieldFailure, success, validationFailure, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { notASignedInUser, type Self } from '@/lib/two-factor/self';
import { lockUserRow, removeTwoFactor } from '@/lib/two-factor/store';
import { removePasskeyInput } from './schemas';

export const LAST_FACTOR_PASSWORD = 'This is your last second factor: removing it turns two-factor off. Enter your password.';

/** Whether the user keeps a second factor once passkey `id` is gone. */
async function othersRemain(q: Queryable, userId: string, id: string): Promise<boolean> {
  const [[keys], [apps]] = await Promise.all([
    q
      .select({ n: count() })
      .from(passkeys)
      .where(and(eq(passkeys.userId, userId), ne(passkeys.id, id))),
    q
      .select({ n: count() })
      .from(totpAuthenticators)
      .where(and(eq(totpAuthenticators.userId, userId), isNotNull(totpAuthenticators.confirmedAt))),
  ]);
  return (keys?.n ?? 0) + (apps?.n ?? 0) > 0;
}

/**
 * Removes one of the user's passkeys. When it is their last second factor this turns two-factor
 * off (recovery codes go too), which takes the password, every time, as turning it off does; any
 * other removal takes a recent sign-in (the caller's). `lastFactor` in the result says which.
 * `passwordConfirmed`: the caller has just checked the password of this request (its recent
 * sign-in check did), so it is not checked, throttled and audited a second time.
 */
export async function removePasskey(
  actor: Self,
  raw: Record<string, unknown>,
  { passwordConfirmed: confirmedByCaller = false }: { passwordConfirmed?: boolean } = {},
): Promise<Result<{ lastFactor: boolean }>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  const parsed = removePasskeyInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const { id, password } = parsed.data;
  // The password is checked before the transaction (its check writes the sign-in throttle and
  // audit), and the rule again under the user's lock: a removal racing this one is seen.
  let passwordConfirmed = confirmedByCaller;
  if (!passwordConfirmed && !(await othersRemain(db, actor.id, id))) {
    if (!password) return fieldFailure('password', LAST_FACTOR_PASSWORD, 'FORBIDDEN');
    const confirmed = await confirmOwnPassword(actor, password);
    if (!confirmed.ok) return fieldFailure('password', confirmed.message, 'FORBIDDEN');
    passwordConfirmed = true;
  }
  return inTransaction(async (tx) => {
    await lockUserRow(tx, actor.id);
    const [removed] = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.userId, actor.id)))
      .returning({ name: passkeys.name });
    if (!removed) return failure('NOT_FOUND', 'No such passkey.');
    const lastFactor = !(await othersRemain(tx, actor.id, id));
    if (lastFactor && !passwordConfirmed) return fieldFailure('password', LAST_FACTOR_PASSWORD, 'FORBIDDEN');
    await recordAudit(tx, actor, {
      action: 'user.passkeyRemove',
      targetId: actor.id,
      targetName: actor.email,
      before: { passkey: removed.name },
    });
    if (lastFactor) {
      await removeTwoFactor(tx, actor.id);
      await recordAudit(tx, actor, {
        action: 'user.twoFactorDisable',
        targetId: actor.id,
        targetName: actor.email,
        before: { twoFactor: true },
        after: { twoFactor: false },
      });
    }
    return success({ lastFactor });
  });
}
