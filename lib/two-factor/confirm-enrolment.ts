import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { totpAuthenticators } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { clearFailures, recordAttemptAndCheck, SIGN_IN_LIMIT } from '@/lib/auth/throttle';
import { failure, fieldFailure, success, validationFailure, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { codeThrottleName } from './check-sign-in-code';
import { authenticationCodeInput } from './schemas';
import { notASignedInUser, type Self } from './self';
import { consumeTotpCode, lockUserTwoFactor } from './store';
import { turnOnTwoFactor } from './turn-on';

const WRONG = 'That code is not right. Type the code your authenticator app shows now (check that the phone’s clock is right).';

/**
 * Confirms an enrolment with a code from the app: two-factor is on, and (unless a passkey turned
 * it on earlier: its codes stand, and the audit says the app was added) ten recovery codes are
 * made, returned once to be shown, and stored only hashed. The session that typed the code has
 * passed the second factor (`sessionId`); the user's other sessions then have not, and end.
 * Code attempts are throttled like sign-in codes.
 */
export async function confirmTotpEnrolment(
  actor: Self,
  raw: Record<string, unknown>,
  sessionId: string | undefined,
): Promise<Result<{ recoveryCodes: string[] | null }>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  const parsed = authenticationCodeInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const ip = actor.ip ?? 'unknown';
  if (await recordAttemptAndCheck(codeThrottleName(actor.id), ip)) {
    return fieldFailure('code', `Too many wrong codes. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes and try again.`, 'THROTTLED');
  }
  const result = await inTransaction(async (tx) => {
    // The user's row, locked as adding a passkey does: of two factors confirmed at once, one is
    // the first (recovery codes, two-factor on) and the other sees it.
    const user = await lockUserTwoFactor(tx, actor.id);
    if (!user) return failure('NOT_FOUND', 'Your account no longer exists.');
    const check = await consumeTotpCode(tx, actor.id, parsed.data.code.replace(/\s/g, ''), { pending: true });
    if (check !== 'accepted')
      return fieldFailure('code', check === 'replayed' ? 'That code was used already. Wait for the next one.' : WRONG);
    const confirmed = await tx
      .update(totpAuthenticators)
      .set({ confirmedAt: sql`now()`, confirmedSessionId: sessionId ?? null })
      .where(and(eq(totpAuthenticators.userId, actor.id), isNull(totpAuthenticators.confirmedAt)))
      .returning({ userId: totpAuthenticators.userId });
    if (!confirmed.length) return failure('CONFLICT', 'Two-factor authentication is already on.');
    // Beside a passkey, two-factor was on already: its recovery codes stand, and the entry says what was added.
    if (user.twoFactor) {
      await recordAudit(tx, actor, { action: 'user.authenticatorAppAdd', targetId: actor.id, targetName: actor.email });
      return success({ recoveryCodes: null });
    }
    return success<{ recoveryCodes: string[] | null }>({ recoveryCodes: await turnOnTwoFactor(tx, actor, 'totp') });
  });
  if (result.ok) await clearFailures(codeThrottleName(actor.id), ip);
  else if (result.fieldErrors?.code) {
    await recordAudit(db, actor, {
      action: 'auth.secondFactorRefused',
      targetId: actor.id,
      targetName: actor.email,
      after: { reason: 'wrong', during: 'enrolment' },
    });
  }
  return result;
}
