import 'server-only';
import { db, type Queryable } from '@/db/client';
import { recordBatched } from '@/lib/audit/batched-audit';
import { recordAudit } from '@/lib/audit/record-audit';
import { clearFailures, recordAttemptAndCheck } from '@/lib/auth/throttle';
import { success } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { consumeRecoveryCode, consumeTotpCode } from './store';

/**
 * Code attempts count in the sign-in throttle under a name of their own, per (user, IP) and per IP:
 * a success of the password step (which forgives its own pair) does not forgive wrong codes, and
 * since only someone past the password reaches this step, no stranger can lock the owner out.
 */
export const codeThrottleName = (userId: string) => `second-factor:${userId}`;

/** Asks for a passkey's options (each makes a challenge) count too, apart, so they do not use up the attempts at a code. */
export const passkeyOptionsThrottleName = (userId: string) => `passkey-options:${userId}`;

/** Passing the second factor forgives this (user, IP)'s wrong codes and passkeys, and its asks for a passkey. */
export const forgiveSecondFactorAttempts = (userId: string, ip: string) =>
  Promise.all([clearFailures(codeThrottleName(userId), ip), clearFailures(passkeyOptionsThrottleName(userId), ip)]);

/**
 * One attempt at the step, by a code or a passkey: its actor, and whether it is one too many
 * (then refused before anything is checked, and audited in batches: a flood costs no write each).
 */
export async function secondFactorAttempt(user: CodeUser, request: RequestInfo) {
  const actor = { kind: 'user' as const, id: user.id, name: user.name, ip: request.ip, userAgent: request.userAgent, grants: [] };
  if (!(await recordAttemptAndCheck(codeThrottleName(user.id), request.ip))) return { actor, throttled: false };
  recordBatched({
    key: `throttled\nauth.secondFactorRefused\n${request.ip}\n${user.id}`,
    actor,
    action: 'auth.secondFactorRefused',
    targetId: user.id,
    targetName: user.email,
    detail: { reason: 'throttled' },
  });
  return { actor, throttled: true };
}

const isTotpCode = (typed: string) => /^\d{6}$/.test(typed);

export type CodeUser = { id: string; email: string; name: string };
export type RequestInfo = { ip: string; userAgent?: string | null };

export type SignInCodeOutcome =
  | { ok: true; method: 'totp' }
  | { ok: true; method: 'recoveryCode'; recoveryCodesLeft: number }
  | { ok: false; reason: 'wrong' | 'replayed' | 'throttled' };

/**
 * The "Authentication code" step: one field taking a TOTP code or a recovery code. Throttled like
 * passwords; every attempt is audited (a flood of throttled ones in batches).
 */
export async function checkSignInCode(user: CodeUser, typed: string, request: RequestInfo): Promise<SignInCodeOutcome> {
  const { actor, throttled } = await secondFactorAttempt(user, request);
  if (throttled) return { ok: false, reason: 'throttled' };
  const code = typed.replace(/\s/g, '');
  // A code used and its audit entries commit together: no use of a code goes unaudited.
  const checked = await inTransaction<SignInCodeOutcome>(async (tx) => {
    const outcome: SignInCodeOutcome = isTotpCode(code) ? await totp(tx, user.id, code) : await recoveryCode(tx, user.id, code);
    if (!outcome.ok) return success(outcome);
    await recordAudit(tx, actor, {
      action: 'auth.secondFactor',
      targetId: user.id,
      targetName: user.email,
      after: { method: outcome.method },
    });
    if (outcome.method === 'recoveryCode') {
      await recordAudit(tx, actor, {
        action: 'auth.recoveryCodeUsed',
        targetId: user.id,
        targetName: user.email,
        after: { recoveryCodesLeft: outcome.recoveryCodesLeft },
      });
    }
    return success(outcome);
  });
  // The work returns no failure (a database error throws).
  if (!checked.ok) throw new Error(checked.message);
  const outcome = checked.data;
  if (!outcome.ok) {
    await recordAudit(db, actor, {
      action: 'auth.secondFactorRefused',
      targetId: user.id,
      targetName: user.email,
      after: { reason: outcome.reason },
    });
    return outcome;
  }
  await forgiveSecondFactorAttempts(user.id, request.ip);
  return outcome;
}

async function totp(q: Queryable, userId: string, code: string): Promise<SignInCodeOutcome> {
  const check = await consumeTotpCode(q, userId, code);
  return check === 'accepted' ? { ok: true, method: 'totp' } : { ok: false, reason: check };
}

async function recoveryCode(q: Queryable, userId: string, code: string): Promise<SignInCodeOutcome> {
  const left = await consumeRecoveryCode(q, userId, code);
  return left === null ? { ok: false, reason: 'wrong' } : { ok: true, method: 'recoveryCode', recoveryCodesLeft: left };
}
