/** However active, a session ends this long after its password was typed (the idle limit is next-auth's maxAge). */
export const SESSION_ABSOLUTE_SECONDS = 24 * 60 * 60;

export type SessionClaims = { sessionVersion?: number; authAt?: number; sessionId?: string };

/** The claims of a next-auth session that decide whether it is still current. */
export const sessionClaims = (session: SessionClaims | null | undefined): SessionClaims => ({
  sessionVersion: session?.sessionVersion,
  authAt: session?.authAt,
  sessionId: session?.sessionId,
});

/**
 * A session is current while it carries the user's session version (raised by a password change,
 * disabling, or "sign out everywhere"), has an id of its own (one signed out is then ended by
 * it, see end-session.ts), and its sign-in is less than a day old.
 */
export function sessionIsCurrent(claims: SessionClaims, userSessionVersion: number, nowSeconds = Date.now() / 1000): boolean {
  if (claims.sessionVersion !== userSessionVersion || claims.authAt === undefined || !claims.sessionId) return false;
  return nowSeconds - claims.authAt < SESSION_ABSOLUTE_SECONDS;
}
