import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { verifyPassword } from './password';
import { clearFailures, recordAttemptAndCheck } from './throttle';

export const signInInput = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(254, 'Email addresses are at most 254 characters.').toLowerCase(),
  password: z.string().min(1, 'Enter your password.').max(256, 'Passwords are at most 256 characters.'),
});

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'throttled' | 'disabled' };

/** Checks a sign-in attempt; every attempt that does not succeed counts toward the throttle. */
export async function authenticate(input: { email: string; password: string; ip: string }): Promise<SignInOutcome> {
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
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) return { ok: false, reason: 'invalid' };
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabled) return { ok: false, reason: 'disabled' };
  await clearFailures(email, input.ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
