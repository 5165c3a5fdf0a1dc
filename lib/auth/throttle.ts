import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { signInFailures } from '@/db/schema';

/**
 * Failed sign-ins allowed within the window: per (email, IP), so wrong passwords sent from one
 * address never stop the owner signing in from another, and per IP, against one address
 * spraying guesses over many emails.
 */
export const SIGN_IN_LIMIT = { perEmailAndIp: 10, perIp: 100, windowMinutes: 15 } as const;

const windowStart = sql`now() - make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes})`;

const recentFailures = (...conditions: ReturnType<typeof eq>[]) =>
  db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(...conditions, gt(signInFailures.at, windowStart)));

/** True when the failures recorded in the window, and `allowance` more, pass a limit. */
async function overLimit(email: string, ip: string, allowance: number): Promise<boolean> {
  const [[pair], [fromIp]] = await Promise.all([
    recentFailures(eq(signInFailures.ip, ip), eq(signInFailures.email, email)),
    recentFailures(eq(signInFailures.ip, ip)),
  ]);
  return (pair?.n ?? 0) + allowance > SIGN_IN_LIMIT.perEmailAndIp || (fromIp?.n ?? 0) + allowance > SIGN_IN_LIMIT.perIp;
}

/**
 * An attempt already over a limit is refused without writing anything: a flood of throttled
 * guesses costs two counts each, not a row each. Otherwise the attempt is recorded as a failure
 * before the password is checked, then counted again (this attempt included): parallel guesses
 * see each other, so none slips past the limit. A successful sign-in takes its pair's rows back
 * out (see clearFailures). True when over a limit.
 */
export async function recordAttemptAndCheck(email: string, ip: string): Promise<boolean> {
  if (await overLimit(email, ip, 1)) return true;
  await db.insert(signInFailures).values({ email, ip });
  // Rows older than a day count for nothing; the index on `at` finds them without a scan.
  await db.delete(signInFailures).where(lt(signInFailures.at, sql`now() - interval '1 day'`));
  return overLimit(email, ip, 0);
}

/** A successful sign-in forgives its own (email, IP) pair only: guesses from elsewhere keep counting. */
export async function clearFailures(email: string, ip: string): Promise<void> {
  await db.delete(signInFailures).where(and(eq(signInFailures.email, email), eq(signInFailures.ip, ip)));
}
