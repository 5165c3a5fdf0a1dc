import 'server-only';
import { verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { passkeys } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success, validationFailure, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { notASignedInUser, type Self } from '@/lib/two-factor/self';
import { lockUserTwoFactor } from '@/lib/two-factor/store';
import { turnOnTwoFactor } from '@/lib/two-factor/turn-on';
import { takeChallenge } from './challenges';
import { relyingParty, SUPPORTED_ALGORITHMS } from './relying-party';
import { finishRegistrationInput } from './schemas';

const NOT_VERIFIED = 'Keygate could not verify this passkey. Try again.';
const EXPIRED = 'The passkey request has expired (or was already answered). Add the passkey again.';

/**
 * Keeps the passkey the browser created, once its answer matches the challenge kept for this
 * session (`sessionId`), APP_URL's origin and host name. When it is the user's first second
 * factor, two-factor is on and ten recovery codes are made, returned once to show; that session
 * has used it, and goes on, while the user's other sessions end.
 */
export async function finishPasskeyRegistration(
  actor: Self,
  raw: Record<string, unknown>,
  sessionId: string | undefined,
): Promise<Result<{ recoveryCodes: string[] | null }>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  const parsed = finishRegistrationInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const { name, response } = parsed.data;
  const challenge = sessionId ? await takeChallenge({ userId: actor.id, sessionId }, 'registration') : null;
  if (!challenge) return failure('CONFLICT', EXPIRED);
  const rp = relyingParty();
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // Preferred, not required: a security key without a PIN is still a second factor after the password.
      requireUserVerification: false,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch {
    return failure('VALIDATION', NOT_VERIFIED);
  }
  if (!verification.verified) return failure('VALIDATION', NOT_VERIFIED);
  const { credential, credentialBackedUp } = verification.registrationInfo;
  return inTransaction<{ recoveryCodes: string[] | null }>(
    async (tx) => {
      // The user's row, locked: two registrations at once cannot both be "the first" second factor.
      const user = await lockUserTwoFactor(tx, actor.id);
      if (!user) return failure('NOT_FOUND', 'Your account no longer exists.');
      await tx.insert(passkeys).values({
        userId: actor.id,
        name,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        backedUp: credentialBackedUp,
        createdSessionId: sessionId ?? null,
      });
      await recordAudit(tx, actor, {
        action: 'user.passkeyRegister',
        targetId: actor.id,
        targetName: actor.email,
        after: { passkey: name },
      });
      return success({ recoveryCodes: user.twoFactor ? null : await turnOnTwoFactor(tx, actor, 'passkey') });
    },
    { uniqueViolation: failure('CONFLICT', 'This passkey is registered already.') },
  );
}
