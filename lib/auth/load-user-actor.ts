import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { endedSessions, roles, userRoles, users } from '@/db/schema';
import { hasTwoFactorSql, sessionSetUpSecondFactorSql } from '@/lib/two-factor/has-two-factor';
import type { Actor } from './actor';
import { passesSecondFactor, sessionIsCurrent, type SessionClaims } from './session-rules';

/**
 * Reads the user behind a session from the database on every request, so that
 * disabling, deleting or changing the roles of a user takes effect at once. With a
 * session's claims, a session that is no longer current, or has not passed the second factor
 * its user needs (see session-rules), is no one.
 */
export async function loadUserActor(
  userId: string,
  ip: string | null,
  session?: SessionClaims,
): Promise<(Actor & { email: string; roleNames: string[]; twoFactor: boolean }) | null> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      twoFactor: hasTwoFactorSql(users.id),
      setUpSecondFactor: session?.sessionId ? sessionSetUpSecondFactorSql(users.id, session.sessionId) : sql<boolean>`false`,
      roleName: roles.name,
      grants: roles.grants,
      // Signed out: the session's id was recorded as ended.
      ended: session?.sessionId
        ? sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sessionId} = ${session.sessionId})`
        : sql<boolean>`false`,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .leftJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(users.id, userId));
  const [first] = rows;
  if (!first || first.disabled) return null;
  if (session && (!sessionIsCurrent(session, first.sessionVersion) || first.ended || !passesSecondFactor(session, first))) return null;
  return {
    kind: 'user',
    id: first.id,
    name: first.name,
    email: first.email,
    twoFactor: first.twoFactor,
    ip,
    roleNames: rows.flatMap((row) => (row.roleName ? [row.roleName] : [])).sort(),
    grants: rows.flatMap((row) => row.grants ?? []),
  };
}
