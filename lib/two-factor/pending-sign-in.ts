import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { endedSessions, users } from '@/db/schema';
import { awaitsSecondFactor, type SessionClaims } from '@/lib/auth/session-rules';
import { isUserId } from '@/lib/users/schemas';
import type { CodeUser } from './check-sign-in-code';
import { hasTwoFactorSql } from './has-two-factor';

/**
 * The user of a session waiting for its "Authentication code": only while the wait is short, the
 * session's version is the user's, it was not signed out, and the user is enabled and still has
 * two-factor. Anything else starts again from the password.
 */
export async function pendingSignInUser(userId: string | undefined, claims: SessionClaims): Promise<CodeUser | null> {
  if (!userId || !isUserId(userId) || !awaitsSecondFactor(claims)) return null;
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      twoFactor: hasTwoFactorSql(users.id),
      ended: sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sessionId} = ${claims.sessionId ?? ''})`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabled || user.ended || !user.twoFactor || user.sessionVersion !== claims.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name };
}
