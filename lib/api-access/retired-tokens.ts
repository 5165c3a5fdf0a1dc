import { lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { retiredTokens } from '@/db/schema';

/** SPEC §7: a retired token's digest is kept this long after it stopped working. */
export const RETIRED_TOKEN_DAYS = 90;

/** Forgets retired tokens older than 90 days; run hourly by the scheduler and the cron route. Returns how many. */
export async function purgeRetiredTokens(): Promise<number> {
  const purged = await db
    .delete(retiredTokens)
    .where(lt(retiredTokens.retiredAt, sql`now() - make_interval(days => ${RETIRED_TOKEN_DAYS})`))
    .returning({ digest: retiredTokens.tokenDigest });
  return purged.length;
}
