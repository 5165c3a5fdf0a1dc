import 'server-only';
import { failure, success, type Result } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { notASignedInUser, type Self } from './self';
import { storePendingSecret, twoFactorStatus } from './store';
import { newTotpSecret } from './totp';

/**
 * "Set up authenticator app": a new secret, kept (encrypted) until a code from the app confirms it.
 * Two-factor is not on yet; starting again replaces the secret. The caller requires a recent
 * sign-in: whoever holds a stolen session must not put their own phone on the account.
 */
export async function startTotpEnrolment(actor: Self, _input: Record<string, never> = {}): Promise<Result<null>> {
  const refused = notASignedInUser(actor);
  if (refused) return refused;
  if ((await twoFactorStatus(actor.id)).totp) return failure('CONFLICT', 'An authenticator app is already set up.');
  return inTransaction(async (tx) => {
    await storePendingSecret(tx, actor.id, newTotpSecret());
    return success(null);
  });
}
