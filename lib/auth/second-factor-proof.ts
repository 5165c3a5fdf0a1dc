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

const sign = (userId: string, at: number) =>
  createHmac('sha256', settings().AUTH_SECRET ?? '')
    .update(`second-factor-passed.${userId}.${at}`)
    .digest('base64url');

export function secondFactorProof(userId: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  return `${nowSeconds}.${sign(userId, nowSeconds)}`;
}

export function isSecondFactorProof(userId: string, proof: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const [atText, signature] = proof.split('.');
  const at = Number(atText);
  if (!settings().AUTH_SECRET || !signature || !Number.isInteger(at) || nowSeconds - at > VALID_SECONDS || at > nowSeconds) return false;
  const expected = Buffer.from(sign(userId, at));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
