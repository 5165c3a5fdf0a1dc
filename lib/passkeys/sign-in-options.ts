import 'server-only';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { recordAttemptAndCheck } from '@/lib/auth/throttle';
import { passkeyOptionsThrottleName, type CodeUser, type RequestInfo } from '@/lib/two-factor/check-sign-in-code';
import { CHALLENGE_SECONDS, keepChallenge } from './challenges';
import { relyingParty } from './relying-party';
import { credentialsOf } from './store';

export type SignInOptionsOutcome =
  { ok: true; options: PublicKeyCredentialRequestOptionsJSON } | { ok: false; reason: 'noPasskey' | 'throttled' };

/**
 * "Use a passkey" at the sign-in's second step: options that let the browser offer only this
 * user's passkeys, with the challenge kept here for this pending session (`request.sessionId`).
 * Each ask counts in the sign-in throttle under a name of its own (10 per user and IP, 100 per
 * IP, in 15 minutes; passing the second factor forgives them), so it cannot be hammered.
 */
export async function passkeySignInOptions(user: CodeUser, request: RequestInfo & { sessionId: string }): Promise<SignInOptionsOutcome> {
  const allowCredentials = await credentialsOf(user.id);
  if (!allowCredentials.length) return { ok: false, reason: 'noPasskey' };
  if (await recordAttemptAndCheck(passkeyOptionsThrottleName(user.id), request.ip)) return { ok: false, reason: 'throttled' };
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials,
    userVerification: 'preferred',
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await keepChallenge({ userId: user.id, sessionId: request.sessionId }, 'authentication', options.challenge);
  return { ok: true, options };
}
