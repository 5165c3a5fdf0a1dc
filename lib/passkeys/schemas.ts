import { z } from 'zod';

export const MAX_PASSKEYS = 20;

export const passkeyName = z
  .string()
  .trim()
  .min(1, 'Name the passkey, such as “MacBook Touch ID” or “YubiKey”.')
  .max(64, 'At most 64 characters.');

/**
 * The browser's answer to a ceremony, as JSON text (what @simplewebauthn/browser returns). Only
 * its outline is checked here; @simplewebauthn/server checks every byte that matters.
 */
const credentialJson = <T extends z.ZodRawShape>(response: T) =>
  z
    .string()
    .max(32_000, 'That is not an answer from a passkey.')
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'That is not an answer from a passkey.' });
        return z.NEVER;
      }
    })
    .pipe(
      z.object({
        id: z.string().min(1).max(1_400),
        rawId: z.string().min(1).max(1_400),
        type: z.literal('public-key'),
        response: z.object(response),
        clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
        authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      }),
    );

export const registrationResponse = credentialJson({
  clientDataJSON: z.string(),
  attestationObject: z.string(),
  transports: z.array(z.string().max(32)).max(10).optional(),
});

export const authenticationResponse = credentialJson({
  clientDataJSON: z.string(),
  authenticatorData: z.string(),
  signature: z.string(),
  userHandle: z.string().optional(),
});

export const startRegistrationInput = z.strictObject({ name: passkeyName });
export const finishRegistrationInput = z.strictObject({ name: passkeyName, response: registrationResponse });
export const renamePasskeyInput = z.strictObject({ id: z.uuid('No such passkey.'), name: passkeyName });
export const removePasskeyInput = z.strictObject({ id: z.uuid('No such passkey.'), password: z.string().max(256).optional() });
