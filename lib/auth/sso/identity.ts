/**
 * Who the identity provider says signed in: their email, whether it vouches for it, and when the
 * person last authenticated to it (`auth_time`, epoch seconds), when it says.
 */
export type SsoIdentity = { email: string; verified: boolean; authenticatedAt?: number };

type Claims = Record<string, unknown>;

/** The payload of an ID token next-auth has already checked (signature, issuer, audience, nonce). */
function idTokenClaims(idToken: unknown): Claims {
  if (typeof idToken !== 'string') return {};
  try {
    return JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Claims;
  } catch {
    return {};
  }
}

/**
 * The identity from the ID token's claims and the userinfo response (next-auth checked that both
 * name the same `sub`): providers put `email` and `email_verified` in one or the other. Only
 * `email_verified: true` vouches for an email (Cognito writes it as the string "true"); Microsoft
 * Entra ID sends no `email_verified` but, as an optional claim, `xms_edov` (the email's domain is
 * verified by its tenant). Null without an email.
 */
export function ssoIdentity(userinfo: Claims | undefined, idToken: unknown): SsoIdentity | null {
  const claims = { ...idTokenClaims(idToken), ...userinfo };
  if (typeof claims.email !== 'string' || claims.email.trim() === '') return null;
  const verified =
    claims.email_verified === undefined
      ? claims.xms_edov === true || claims.xms_edov === 'true'
      : [true, 'true'].includes(claims.email_verified as never);
  const authenticatedAt = typeof claims.auth_time === 'number' ? claims.auth_time : undefined;
  return { email: claims.email.trim().toLowerCase(), verified, ...(authenticatedAt === undefined ? {} : { authenticatedAt }) };
}
