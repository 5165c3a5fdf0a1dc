import 'server-only';
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { failure, success, validationFailure, type Result } from '@/lib/errors';
import { notASignedInUser, type Self } from '@/lib/two-factor/self';
import { CHALLENGE_SECONDS, keepChallenge } from './challenges';
import { relyingParty, SUPPORTED_ALGORITHMS } from './relying-party';
import { MAX_PASSKEYS, startRegistrationInput } from './schemas';
import { credentialsOf } from './store';

/**
 * "Add a passkey": the options the browser creates a credential with, and their challenge kept
 * here. The name is checked now, before the ceremony, so a bad one costs no touch of the key.
 * The caller requires a recent sign-in, as for setting up an authenticator app; the challenge is
 * this session's (`sessionId`), and only its answer can use it.
 */
export async function startPasskeyRegistration(
  actor: Self,
  raw: Record<string, unknown>,
  sessionId: string | undefined,
): Promise<Result<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  if (!sessionId) return failure('FORBIDDEN', 'Your session has ended. Sign in again.');
  const parsed = startRegistrationInput.safeParse(raw);
  if (!parsed.success) return validationFailure(parsed.error);
  const existing = await credentialsOf(actor.id);
  if (existing.length >= MAX_PASSKEYS)
    return failure('CONFLICT', `You have ${MAX_PASSKEYS} passkeys, the most Keygate keeps: remove one first.`);
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: actor.email,
    userDisplayName: actor.name,
    // The user handle: the user's id, which says nothing about them (an email could change hands).
    userID: new Uint8Array(Buffer.from(actor.id.replaceAll('-', ''), 'hex')),
    timeout: CHALLENGE_SECONDS * 1000,
    attestationType: 'none',
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await keepChallenge({ userId: actor.id, sessionId }, 'registration', options.challenge);
  return success({ options });
}
