import 'server-only';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Self } from './self';
import { replaceRecoveryCodes } from './store';

/**
 * A user's first second factor turns two-factor on: ten recovery codes, returned once to be shown
 * (stored hashed), and the entry naming the factor. Called under the user's row lock
 * (lockUserTwoFactor), once that lock said two-factor was off.
 */
export async function turnOnTwoFactor(tx: Tx, actor: Self, method: 'totp' | 'passkey'): Promise<string[]> {
  const recoveryCodes = await replaceRecoveryCodes(tx, actor.id);
  await recordAudit(tx, actor, { action: 'user.twoFactorEnable', targetId: actor.id, targetName: actor.email, after: { method } });
  return recoveryCodes;
}
