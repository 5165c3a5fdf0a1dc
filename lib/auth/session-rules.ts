/** However active, a session ends this long after its password was typed (the idle limit is next-auth's maxAge). */
export const SESSION_ABSOLUTE_SECONDS = 24 * 60 * 60;

/** How long after the password the "Authentication code" step may still be passed. */
export const PENDING_SECOND_FACTOR_SECONDS = 10 * 60;

/**
 * The second factor as a session records it: 'pending' between the password and the code (such a
 * session is no one's, only the code step accepts it), 'passed' once a code was accepted, 'sso'
 * after a single sign-on (the identity provider's job, SPEC §10), absent for a user who had no
 * two-factor when signing in.
 */
export type SecondFactorClaim = 'pending' | 'passed' | 'sso';

export type SessionClaims = {
  sessionVersion?: number;
  authAt?: number;
  sessionId?: string;
  secondFactor?: SecondFactorClaim;
  providerAuthAt?: number;
};

/** The claims of a next-auth session that decide whether it is still current. */
export const sessionClaims = (session: SessionClaims | null | undefined): SessionClaims => ({
  sessionVersion: session?.sessionVersion,
  authAt: session?.authAt,
  sessionId: session?.sessionId,
  secondFactor: session?.secondFactor,
  providerAuthAt: session?.providerAuthAt,
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

/**
 * A session of a user with two-factor counts only once it passed the second factor (or it is the
 * session that set one up, typing a code or using the passkey then): one from before two-factor
 * was turned on is not enough. A pending session never counts, whoever its user.
 */
export function passesSecondFactor(claims: SessionClaims, user: { twoFactor: boolean; setUpSecondFactor: boolean }): boolean {
  if (claims.secondFactor === 'pending') return false;
  if (!user.twoFactor || claims.secondFactor === 'passed' || claims.secondFactor === 'sso') return true;
  return claims.sessionId !== undefined && user.setUpSecondFactor;
}

/** A session waiting for its "Authentication code", still within the time allowed to type it. */
export const awaitsSecondFactor = (claims: SessionClaims, nowSeconds = Date.now() / 1000): boolean =>
  claims.secondFactor === 'pending' && claims.authAt !== undefined && nowSeconds - claims.authAt < PENDING_SECOND_FACTOR_SECONDS;

/**
 * When the person behind a session last proved who they are, for the recent-sign-in check: the
 * password's (or code's) sign-in, or for a single sign-on the provider's own authentication
 * (`auth_time`), which a session open there may have made long before Keygate's sign-in.
 */
export const signInMoment = (claims: SessionClaims): number | undefined => claims.providerAuthAt ?? claims.authAt;
