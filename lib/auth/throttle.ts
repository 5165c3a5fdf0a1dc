import { and, count, eq, gt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { signInFailures } from '@/db/schema';

/** At most this many failed sign-ins per email, and per IP, within the window. */
export const SIGN_IN_LIMIT = { failures: 10, windowMinutes: 15 } as const;

const windowStart = sql`now() - make_interval(mins => ${SIGN_IN_LIMIT.windowMinutes})`;

export async function isThrottled(email: string, ip: string): Promise<boolean> {
  const [byEmail, byIp] = await Promise.all([
    db
      .select({ n: count() })
      .from(signInFailures)
      .where(and(eq(signInFailures.email, email), gt(signInFailures.at, windowStart))),
    db
      .select({ n: count() })
      .from(signInFailures)
      .where(and(eq(signInFailures.ip, ip), gt(signInFailures.at, windowStart))),
  ]);
  return (byEmail[0]?.n ?? 0) >= SIGN_IN_LIMIT.failures || (byIp[0]?.n ?? 0) >= SIGN_IN_LIMIT.failures;
}

export async function recordFailure(email: string, ip: string): Promise<void> {
  await db.insert(signInFailures).values({ email, ip });
  // Old rows no longer count; trimming them here keeps the table small without a job.
  await db.delete(signInFailures).where(sql`${signInFailures.at} < now() - interval '1 day'`);
}

/** A successful sign-in forgives that email's earlier mistakes (not the IP's). */
export async function clearFailures(email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
