import { and, count, eq, gt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { signInFailures } from '@/db/schema';

/** At most this many failed sign-ins per email, and per IP, within the window. */
export const SIGN_IN_LIMIT = { failures: 10, windowMinutes: 15 } as const;

const windowStart = sql`now() - make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes})`;

const recentAttempts = (column: typeof signInFailures.email | typeof signInFailures.ip, value: string) =>
  db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(column, value), gt(signInFailures.at, windowStart)));

/**
 * Records the attempt as a failure before the password is checked, then counts
 * (this attempt included): parallel guesses see each other, so none slips past
 * the limit. A successful sign-in takes its row back out (see clearFailures).
 * Returns true when this attempt is over the limit.
 */
export async function recordAttemptAndCheck(email: string, ip: string): Promise<boolean> {
  await db.insert(signInFailures).values({ email, ip });
  const [[byEmail], [byIp]] = await Promise.all([recentAttempts(signInFailures.email, email), recentAttempts(signInFailures.ip, ip)]);
  // Old rows no longer count; trimming them here keeps the table small without a job.
  await db.delete(signInFailures).where(sql`${signInFailures.at} < now() - interval '1 day'`);
  return (byEmail?.n ?? 0) > SIGN_IN_LIMIT.failures || (byIp?.n ?? 0) > SIGN_IN_LIMIT.failures;
}

/** A successful sign-in forgives that email's attempts, this one included (not the IP's others). */
export async function clearFailures(email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
