import 'server-only';
import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { and, eq, or, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { passkeys } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { forgiveSecondFactorAttempts, secondFactorAttempt, type CodeUser, type RequestInfo } from '@/lib/two-factor/check-sign-in-code';
import { takeChallenge, type ChallengeOwner } from './challenges';
import { relyingParty } from './relying-party';
import { authenticationResponse } from './schemas';

export type SignInPasskeyOutcome = { ok: true; passkey: string } | { ok: false; reason: 'wrong' | 'expired' | 'throttled' };

type Checked = SignInPasskeyOutcome | { ok: false; reason: 'wrong' | 'expired'; detail: string };

/**
 * The sign-in's second step with a passkey: the answer must sign the challenge kept for this
 * user's pending session (`request.sessionId`), come from APP_URL's origin, and be made by one
 * of this user's passkeys whose counter it raises (a cloned authenticator's does not). Attempts
 * count in the same throttle as codes, and every one is audited.
 */
export async function checkSignInPasskey(
  user: CodeUser,
  raw: unknown,
  request: RequestInfo & { sessionId: string },
): Promise<SignInPasskeyOutcome> {
  const { actor, throttled } = await secondFactorAttempt(user, request);
  if (throttled) return { ok: false, reason: 'throttled' };
  // The sign-in's entry is written in the transaction that moves the counter: no passkey use goes unaudited.
  const outcome = await check({ userId: user.id, sessionId: request.sessionId }, raw, (tx, passkey) =>
    recordAudit(tx, actor, {
      action: 'auth.secondFactor',
      targetId: user.id,
      targetName: user.email,
      after: { method: 'passkey', passkey },
    }),
  );
  if (!outcome.ok) {
    await recordAudit(db, actor, {
      action: 'auth.secondFactorRefused',
      targetId: user.id,
      targetName: user.email,
      after: { method: 'passkey', reason: outcome.reason, ...('detail' in outcome ? { detail: outcome.detail } : {}) },
    });
    return { ok: false, reason: outcome.reason };
  }
  await forgiveSecondFactorAttempts(user.id, request.ip);
  return outcome;
}

async function check(owner: ChallengeOwner, raw: unknown, onPassed: (tx: Tx, passkey: string) => Promise<void>): Promise<Checked> {
  const { userId } = owner;
  // The challenge is spent first, whatever follows: an answer is good once, and only for its user's session.
  const challenge = await takeChallenge(owner, 'authentication');
  if (!challenge) return { ok: false, reason: 'expired', detail: 'no current challenge' };
  const parsed = authenticationResponse.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'wrong', detail: 'malformed answer' };
  const response = parsed.data as AuthenticationResponseJSON;
  // Only this user's passkeys: another user's credential is no passkey of theirs.
  const [passkey] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.credentialId, response.id), eq(passkeys.userId, userId)));
  if (!passkey) return { ok: false, reason: 'wrong', detail: 'not a passkey of this user' };
  const rp = relyingParty();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: false,
    });
    if (!verification.verified) return { ok: false, reason: 'wrong', detail: 'signature not verified' };
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    // The library names what failed (origin, challenge, counter, signature); the audit keeps it, the user hears only "not accepted".
    return { ok: false, reason: 'wrong', detail: error instanceof Error ? error.message.slice(0, 200) : 'not verified' };
  }
  // The counter moves forward in the statement that checks it, so two answers racing cannot both
  // pass; an authenticator that keeps no counter (always 0) is allowed to stay at 0.
  const used = await inTransaction(async (tx) => {
    const [raised] = await tx
      .update(passkeys)
      .set({ counter: newCounter, lastUsedAt: sql`now()` })
      .where(
        and(
          eq(passkeys.id, passkey.id),
          or(sql`${passkeys.counter} < ${newCounter}`, and(eq(passkeys.counter, 0), sql`${newCounter} = 0`)),
        ),
      )
      .returning({ id: passkeys.id });
    if (raised) await onPassed(tx, passkey.name);
    return success(Boolean(raised));
  });
  if (!used.ok || !used.data) return { ok: false, reason: 'wrong', detail: 'signature counter did not increase' };
  return { ok: true, passkey: passkey.name };
}
