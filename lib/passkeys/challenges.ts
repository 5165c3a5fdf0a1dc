import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { webauthnChallenges } from '@/db/schema';

/** How long a passkey ceremony may take, from the challenge to the browser's answer (also the browser's timeout). */
export const CHALLENGE_SECONDS = 5 * 60;

export type ChallengePurpose = 'registration' | 'authentication';

/**
 * Whose ceremony it is: the user, and the session (the JWT's `sid`) that asked. Another tab's or
 * another pending sign-in's challenge is another row: whoever else knows the password cannot
 * replace (and so break) the owner's.
 */
export type ChallengeOwner = { userId: string; sessionId: string };

const owned = ({ userId, sessionId }: ChallengeOwner, purpose: ChallengePurpose) =>
  and(eq(webauthnChallenges.userId, userId), eq(webauthnChallenges.purpose, purpose), eq(webauthnChallenges.sessionId, sessionId));

/** Keeps the challenge the server just made for this session (replacing an earlier one of the same purpose). */
export async function keepChallenge(owner: ChallengeOwner, purpose: ChallengePurpose, challenge: string): Promise<void> {
  const expiresAt = sql`now() + make_interval(secs => ${CHALLENGE_SECONDS})`;
  // Challenges nobody answered: a few rows per session that asked in the last minutes, so this is cheap.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, sql`now()`));
  await db
    .insert(webauthnChallenges)
    .values({ ...owner, purpose, challenge, expiresAt })
    .onConflictDoUpdate({
      target: [webauthnChallenges.userId, webauthnChallenges.purpose, webauthnChallenges.sessionId],
      set: { challenge, expiresAt },
    });
}

/**
 * The session's challenge of this purpose, deleted in the same statement that reads it: used once,
 * whatever the answer's fate (a wrong answer spends it too). Null when there is none or it expired.
 */
export async function takeChallenge(owner: ChallengeOwner, purpose: ChallengePurpose): Promise<string | null> {
  const [row] = await db
    .delete(webauthnChallenges)
    .where(owned(owner, purpose))
    .returning({ challenge: webauthnChallenges.challenge, current: sql<boolean>`${webauthnChallenges.expiresAt} > now()` });
  return row?.current ? row.challenge : null;
}
