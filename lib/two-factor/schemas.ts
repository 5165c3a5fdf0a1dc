import { z } from 'zod';

/** The one "Authentication code" field: a TOTP code or a recovery code. */
export const authenticationCodeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the code from your authenticator app, or a recovery code.')
    .max(64, 'That is not a code Keygate gave you.'),
});

export const disableTwoFactorInput = z.strictObject({ password: z.string().min(1, 'Enter your password.').max(256) });

export const resetTwoFactorInput = z.strictObject({ id: z.string() });
