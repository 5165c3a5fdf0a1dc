import { lt, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { endedSessions } from '@/db/schema';
import { SESSION_ABSOLUTE_SECONDS, type SessionClaims } from './session-rules';

/**
 * Records a session as ended (signed out): loadUserActor then refuses it, whatever cookie
 * carries it. It is kept only until its absolute lifetime would have ended it anyway; older
 * records are deleted on the way, through the index on their end.
 */
export async function endSession(q: Queryable, claims: SessionClaims): Promise<void> {
  if (!claims.sessionId || claims.authAt === undefined) return;
  const expiresAt = new Date((claims.authAt + SESSION_ABSOLUTE_SECONDS) * 1000);
  await q.insert(endedSessions).values({ sessionId: claims.sessionId, expiresAt }).onConflictDoNothing();
  await q.delete(endedSessions).where(lt(endedSessions.expiresAt, sql`now()`));
}
