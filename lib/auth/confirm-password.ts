import type { Actor } from './actor';
import { authenticate } from './authenticate';
import { SIGN_IN_LIMIT } from './throttle';

/**
 * A signed-in user typing their own password again (Account page, a sensitive action): checked
 * the way a sign-in is, same throttle and audit, so a stolen session alone confirms nothing.
 */
export async function confirmOwnPassword(
  actor: Actor & { email: string },
  password: string,
): Promise<{ ok: true; sessionVersion: number } | { ok: false; message: string }> {
  const outcome = await authenticate({
    email: actor.email.toLowerCase(),
    password,
    ip: actor.ip ?? 'unknown',
    userAgent: actor.userAgent,
    requestId: actor.requestId,
    purpose: 'confirm',
  });
  if (outcome.ok) return { ok: true, sessionVersion: outcome.user.sessionVersion };
  return {
    ok: false,
    message:
      outcome.reason === 'throttled'
        ? `Too many wrong passwords. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes and try again.`
        : 'That is not your password.',
  };
}
