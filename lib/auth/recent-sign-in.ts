import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { signInMoment, type SessionClaims } from './session-rules';
import { settings } from '@/lib/settings';

/** Sensitive page actions need the password typed within this long (a sign-in, or a confirmation). */
export const RECENT_SIGN_IN_SECONDS = 15 * 60;
const COOKIE = 'keygate-confirmed';

const sign = (payload: string) =>
  createHmac('sha256', settings().AUTH_SECRET ?? '')
    .update(payload)
    .digest('base64url');

/** Confirmations are bound to the user and their session version: a password change voids them. */
const payloadOf = (userId: string, sessionVersion: number, at: number) => `${userId}.${sessionVersion}.${at}`;

export async function hasRecentSignIn(userId: string, claims: SessionClaims, nowSeconds = Math.floor(Date.now() / 1000)): Promise<boolean> {
  const signedInAt = signInMoment(claims);
  if (signedInAt !== undefined && nowSeconds - signedInAt < RECENT_SIGN_IN_SECONDS) return true;
  const value = (await cookies()).get(COOKIE)?.value;
  const [id, version, at, signature] = value?.split('.') ?? [];
  if (!id || !version || !at || !signature || id !== userId || Number(version) !== claims.sessionVersion) return false;
  const expected = Buffer.from(sign(payloadOf(id, Number(version), Number(at))));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  return nowSeconds - Number(at) < RECENT_SIGN_IN_SECONDS;
}

/** After the password was typed again: sensitive actions go through for the next 15 minutes. */
export async function rememberConfirmation(userId: string, sessionVersion: number, secure: boolean): Promise<void> {
  const at = Math.floor(Date.now() / 1000);
  const payload = payloadOf(userId, sessionVersion, at);
  (await cookies()).set(COOKIE, `${payload}.${sign(payload)}`, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: RECENT_SIGN_IN_SECONDS,
  });
}
