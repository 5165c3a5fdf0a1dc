import 'server-only';
import type { Account, Profile, User } from 'next-auth';
import { headers } from 'next/headers';
import { requestIdOf } from '@/lib/log/request-id';
import { clientIpFrom } from '../client-ip';
import { ssoIdentity } from './identity';
import { SSO_PROVIDER_ID } from './provider';
import { signInWithSso } from './sign-in';

/** Where a refused single sign-on lands: the sign-in page, which explains the reason (never the provider's detail). */
export const ssoRefusedPath = (reason: string) => `/login?sso=${encodeURIComponent(reason)}`;

/**
 * next-auth's signIn callback. Password sign-ins pass through (their provider checked them); a
 * single sign-on is matched to a Keygate user here, after next-auth checked the provider's answer
 * (state, PKCE, nonce, the ID token's signature and audience).
 */
export async function signInCallback({ user, account, profile }: { user: User; account?: Account | null; profile?: Profile }) {
  if (account?.provider !== SSO_PROVIDER_ID) return true;
  const requestHeaders = await headers();
  const outcome = await signInWithSso(ssoIdentity(profile, account.id_token), {
    ip: clientIpFrom(requestHeaders),
    userAgent: requestHeaders.get('user-agent'),
    requestId: requestIdOf(requestHeaders),
  });
  if (!outcome.ok) return ssoRefusedPath(outcome.reason);
  // next-auth gives an OAuth user a random id and hands this same object on to the jwt callback
  // (config.ts), which makes the session's claims from it: it becomes the Keygate user here.
  Object.assign(user, outcome.user);
  return true;
}
