import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { settings } from '@/lib/settings';

/**
 * What the server hands next-auth's "second-factor" provider after it checked a code itself (or
 * re-issues the session of someone who passed it): the user's id and when, signed with
 * AUTH_SECRET. It never reaches a browser, and the provider's endpoint refuses anything else, so
 * posting to /api/auth/callback/second-factor by hand signs no one in.
 */
const VALID_SECONDS = 60;

// `ssoAuthAt`: the re-issued session of a single sign-on keeps being one, from the provider's same
// authentication; signed with the rest, so no one can turn a password session into an SSO one.
const sign = (userId: string, at: number, ssoAuthAt?: number) =>
  createHmac('sha256', settings().AUTH_SECRET ?? '')
    .update(`second-factor-passed.${userId}.${at}${ssoAuthAt === undefined ? '' : `.sso.${ssoAuthAt}`}`)
    .digest('base64url');

export function secondFactorProof(userId: string, nowSeconds = Math.floor(Date.now() / 1000), ssoAuthAt?: number): string {
  return `${nowSeconds}.${sign(userId, nowSeconds, ssoAuthAt)}`;
}

export function isSecondFactorProof(
  userId: string,
  proof: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  ssoAuthAt?: number,
): boolean {
  const [atText, signature] = proof.split('.');
  const at = Number(atText);
  if (!settings().AUTH_SECRET || !signature || !Number.isInteger(at) || nowSeconds - at > VALID_SECONDS || at > nowSeconds) return false;
  const expected = Buffer.from(sign(userId, at, ssoAuthAt));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
