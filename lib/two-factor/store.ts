import 'server-only';
import { and, count, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { db, type Queryable, type Tx } from '@/db/client';
import { passkeys, recoveryCodes, totpAuthenticators, users, webauthnChallenges } from '@/db/schema';
import { hasTwoFactorSql } from './has-two-factor';
import { hashRecoveryCode, newRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { openSecret, sealSecret } from './secret-box';
import { totpStep } from './totp';

export type TwoFactorStatus = {
  /** Two-factor is on: an authenticator app, a passkey, or both. */
  enabled: boolean;
  /** An authenticator app is set up (confirmed). */
  totp: boolean;
  passkeyCount: number;
  confirmedAt: Date | null;
  /** The secret of an enrolment begun and not yet confirmed, for its QR code and written-out key. */
  pendingSecret: string | null;
  recoveryCodesLeft: number;
};

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const [[authenticator], [codes], [keys]] = await Promise.all([
    db.select().from(totpAuthenticators).where(eq(totpAuthenticators.userId, userId)),
    db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
    db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId)),
  ]);
  const confirmedAt = authenticator?.confirmedAt ?? null;
  const passkeyCount = keys?.n ?? 0;
  return {
    enabled: confirmedAt !== null || passkeyCount > 0,
    totp: confirmedAt !== null,
    passkeyCount,
    confirmedAt,
    pendingSecret: authenticator && !confirmedAt ? openSecret(authenticator.secretEncrypted, userId) : null,
    recoveryCodesLeft: codes?.n ?? 0,
  };
}

/**
 * Locks the user's row, as every change to their second factors does first (adding, confirming,
 * removing, turning off, resetting): of two such changes at once, the second waits and sees the
 * first. False when the user no longer exists.
 */
export async function lockUserRow(tx: Tx, userId: string): Promise<boolean> {
  const [locked] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  return Boolean(locked);
}

/**
 * The user's row locked (lockUserRow), then whether two-factor is on. Two statements: one that
 * waited for the lock still reads the other tables as they were when it began, so a factor added
 * by the holder of the lock would go unseen. Null when the user no longer exists.
 */
export async function lockUserTwoFactor(tx: Tx, userId: string): Promise<{ twoFactor: boolean } | null> {
  if (!(await lockUserRow(tx, userId))) return null;
  const [user] = await tx
    .select({ twoFactor: hasTwoFactorSql(users.id) })
    .from(users)
    .where(eq(users.id, userId));
  return { twoFactor: Boolean(user?.twoFactor) };
}

/** A new, unconfirmed secret for the user (replacing one begun earlier and never confirmed). */
export async function storePendingSecret(q: Queryable, userId: string, secret: string): Promise<void> {
  const secretEncrypted = sealSecret(secret, userId);
  await q
    .insert(totpAuthenticators)
    .values({ userId, secretEncrypted })
    .onConflictDoUpdate({
      target: totpAuthenticators.userId,
      set: { secretEncrypted, confirmedAt: null, lastUsedStep: null, createdAt: sql`now()` },
    });
}

export type CodeCheck = 'accepted' | 'wrong' | 'replayed';

/**
 * Checks a TOTP code against the user's secret (the confirmed one, or with `pending` the one being
 * enrolled) and, when valid, records its step in the same statement that checks the last one:
 * two requests racing with one code cannot both pass.
 */
export async function consumeTotpCode(q: Queryable, userId: string, code: string, options: { pending?: boolean } = {}): Promise<CodeCheck> {
  const [row] = await q
    .select()
    .from(totpAuthenticators)
    .where(
      and(
        eq(totpAuthenticators.userId, userId),
        options.pending ? isNull(totpAuthenticators.confirmedAt) : isNotNull(totpAuthenticators.confirmedAt),
      ),
    );
  if (!row) return 'wrong';
  const step = totpStep(openSecret(row.secretEncrypted, userId), code);
  if (step === null) return 'wrong';
  const updated = await q
    .update(totpAuthenticators)
    .set({ lastUsedStep: step })
    .where(
      and(eq(totpAuthenticators.userId, userId), or(isNull(totpAuthenticators.lastUsedStep), lt(totpAuthenticators.lastUsedStep, step))),
    )
    .returning({ userId: totpAuthenticators.userId });
  return updated.length ? 'accepted' : 'replayed';
}

/** Marks a recovery code used; the number left, or null when it is not one of the user's unused codes. */
export async function consumeRecoveryCode(q: Queryable, userId: string, typed: string): Promise<number | null> {
  const used = await q
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(normalizeRecoveryCode(typed))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  if (!used.length) return null;
  const [left] = await q
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return left?.n ?? 0;
}

/** Ten new codes replace every earlier one, used or not; only their hashes are kept. The codes are returned to show once. */
export async function replaceRecoveryCodes(q: Queryable, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await q.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)) })));
  return codes;
}

/** Two-factor off: the authenticator app, every passkey and every recovery code go. True when there was something to remove. */
export async function removeTwoFactor(q: Queryable, userId: string): Promise<boolean> {
  await q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await q.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, userId));
  const removedKeys = await q.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  const removed = await q
    .delete(totpAuthenticators)
    .where(eq(totpAuthenticators.userId, userId))
    .returning({ confirmedAt: totpAuthenticators.confirmedAt });
  return removedKeys.length > 0 || removed.some((row) => row.confirmedAt !== null);
}
