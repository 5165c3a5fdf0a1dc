import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { confirmOwnPassword } from '@/lib/auth/confirm-password';
import { hashPassword } from '@/lib/auth/password';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, fieldFailure, success, validationFailure, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { changeOwnPasswordInput, signOutEverywhereInput } from './schemas';

type Self = Actor & { email: string };

/** The actor's own password, as the field `field` of the form. */
async function confirmPassword(actor: Self, password: string, field: string): Promise<Result<null>> {
  if (actor.kind !== 'user') return failure('FORBIDDEN', 'Only a signed-in user has an account.');
  const confirmed = await confirmOwnPassword(actor, password);
  return confirmed.ok ? success(null) : fieldFailure(field, confirmed.message, 'FORBIDDEN');
}

const raiseSessionVersion = { sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` };

/** Every user changes their own password with the current one; every session of theirs then ends (the caller signs this one in again). */
export async function changeOwnPassword(actor: Self, raw: Record<string, unknown>): Promise<Result<null>> {
  const parsed = changeOwnPasswordInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const confirmed = await confirmPassword(actor, parsed.data.currentPassword, 'currentPassword');
  if (!confirmed.ok) return confirmed;
  const passwordHash = await hashPassword(parsed.data.newPassword);
  return inTransaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, ...raiseSessionVersion })
      .where(eq(users.id, actor.id));
    await recordAudit(tx, actor, { action: 'user.change_own_password', targetId: actor.id, targetName: actor.email });
    return success(null);
  });
}

/** Ends every session of the actor's, this one included (the caller signs this one in again). */
export async function signOutEverywhere(actor: Self, raw: Record<string, unknown>): Promise<Result<null>> {
  const parsed = signOutEverywhereInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const confirmed = await confirmPassword(actor, parsed.data.password, 'password');
  if (!confirmed.ok) return confirmed;
  return inTransaction(async (tx) => {
    await tx.update(users).set(raiseSessionVersion).where(eq(users.id, actor.id));
    await recordAudit(tx, actor, { action: 'user.sign_out_everywhere', targetId: actor.id, targetName: actor.email });
    return success(null);
  });
}
