import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { webauthnChallenges } from '@/db/schema';

/** How long a passkey ceremony may take, from the challenge to the browser's answer (also the browser's timeout). */
export const CHALLENGE_SECONDS = 5 * 60;

export type ChallengePurpose = 'registration' | 'authentication';

/** Keeps the challenge the server just made for this user (replacing an earlier one of the same purpose). */
export async function keepChallenge(userId: string, purpose: ChallengePurpose, challenge: string): Promise<void> {
  const expiresAt = sql`now() + make_interval(secs => ${CHALLENGE_SECONDS})`;
  // Challenges nobody answered: the table holds at most two rows per user, so this is cheap.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, sql`now()`));
  await db
    .insert(webauthnChallenges)
    .values({ userId, purpose, challenge, expiresAt })
    .onConflictDoUpdate({ target: [webauthnChallenges.userId, webauthnChallenges.purpose], set: { challenge, expiresAt } });
}

/**
 * The user's challenge of this purpose, deleted in the same statement that reads it: used once,
 * whatever the answer's fate (a wrong answer spends it too). Null when there is none or it expired.
 */
export async function takeChallenge(userId: string, purpose: ChallengePurpose): Promise<string | null> {
  const [row] = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.userId, userId), eq(webauthnChallenges.purpose, purpose)))
    .returning({ challenge: webauthnChallenges.challenge, current: sql<boolean>`${webauthnChallenges.expiresAt} > now()` });
  return row?.current ? row.challenge : null;
}
