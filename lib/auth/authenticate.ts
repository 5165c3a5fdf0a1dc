import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { hasTwoFactorSql } from '@/lib/two-factor/has-two-factor';
import type { AuditAction } from '@/lib/audit/actions';
import { recordBatched } from '@/lib/audit/batched-audit';
import { recordAudit, type AnonymousActor } from '@/lib/audit/record-audit';
import { verifyPassword } from './password';
import { clearFailures, recordAttemptAndCheck } from './throttle';

export const signInInput = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'Email addresses are at most 254 characters.').toLowerCase(),
  password: z.string().min(1, 'Enter your password.').max(256, 'Passwords are at most 256 characters.'),
});

type Purpose = 'sign-in' | 'confirm';

/** The entry each attempt writes, by what it was for and whether it succeeded. */
const ATTEMPT_ACTIONS = {
  'sign-in': { ok: 'auth.sign_in', refused: 'auth.sign_in_refused' },
  confirm: { ok: 'auth.confirm_password', refused: 'auth.confirm_password_refused' },
} as const satisfies Record<Purpose, Record<'ok' | 'refused', AuditAction>>;

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number; twoFactor: boolean } }
  | { ok: false; reason: 'invalid' | 'throttled' | 'disabled' };

/**
 * Checks a sign-in attempt; every attempt that does not succeed counts toward the throttle, and
 * every one is in the audit log (the email typed, IP, user agent; never the password).
 */
export async function authenticate(input: {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
  requestId?: string | null;
  purpose?: Purpose;
}): Promise<SignInOutcome> {
  const outcome = await check(input);
  const purpose = input.purpose ?? 'sign-in';
  const action = ATTEMPT_ACTIONS[purpose][outcome.ok ? 'ok' : 'refused'];
  const { ip, userAgent, requestId } = input;
  const actor: AnonymousActor = { kind: 'anonymous', id: null, name: input.email, ip, userAgent, requestId };
  if (!outcome.ok && outcome.reason === 'throttled') {
    recordThrottledAttempt(action, actor);
    return outcome;
  }
  // A user with two-factor is not signed in yet: the "Authentication code" step follows.
  const pending = outcome.ok && outcome.user.twoFactor && purpose === 'sign-in';
  const who = outcome.ok
    ? { kind: 'user' as const, id: outcome.user.id, name: outcome.user.name, ip, userAgent, requestId, grants: [] }
    : actor;
  // A sign-in says how it was made: single sign-on's entries say 'oidc' (lib/auth/sso/sign-in.ts).
  const method = purpose === 'sign-in' ? { method: 'password' } : {};
  await recordAudit(db, who, {
    action,
    targetId: outcome.ok ? outcome.user.id : '',
    targetName: input.email,
    after: outcome.ok ? { ...method, ...(pending ? { secondFactor: 'pending' } : {}) } : { ...method, reason: outcome.reason },
  });
  return outcome;
}

async function check(input: { email: string; password: string; ip: string }): Promise<SignInOutcome> {
  const { email, password } = input;
  if (await recordAttemptAndCheck(email, input.ip)) return { ok: false, reason: 'throttled' };
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      twoFactor: hasTwoFactorSql(users.id),
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) return { ok: false, reason: 'disabled' };
  await clearFailures(email, input.ip);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, twoFactor: user.twoFactor },
  };
}

const MAX_EMAILS_LISTED = 20;

/**
 * Throttled attempts are counted, not written one by one: one entry per address (and action)
 * per flush, with the count and the emails typed (the first 20), so a flood of guesses cannot
 * flood the audit log.
 */
function recordThrottledAttempt(action: AuditAction, actor: AnonymousActor) {
  recordBatched(
    {
      key: `throttled\n${action}\n${actor.ip}`,
      actor: { ...actor, name: `Throttled attempts from ${actor.ip}` },
      action,
      targetId: null,
      targetName: actor.name,
      detail: { reason: 'throttled', emails: [actor.name] },
    },
    (into, detail) => {
      const emails = into.emails as string[];
      for (const email of detail.emails as string[]) if (emails.length < MAX_EMAILS_LISTED && !emails.includes(email)) emails.push(email);
    },
  );
}
