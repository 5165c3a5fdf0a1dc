import 'server-only';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { CodeUser } from '@/lib/two-factor/check-sign-in-code';
import { CHALLENGE_SECONDS, keepChallenge } from './challenges';
import { relyingParty } from './relying-party';
import { credentialsOf } from './store';

/**
 * "Use a passkey" at the sign-in's second step: options that let the browser offer only this
 * user's passkeys, with the challenge kept here. Null when the user has none.
 */
export async function passkeySignInOptions(user: CodeUser): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const allowCredentials = await credentialsOf(user.id);
  if (!allowCredentials.length) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials,
    userVerification: 'preferred',
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await keepChallenge(user.id, 'authentication', options.challenge);
  return options;
}
