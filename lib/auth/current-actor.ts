import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { requestIdOf } from '@/lib/log/request-id';
import { clientIpFrom } from './client-ip';
import { loadUserActor } from './load-user-actor';
import { sessionClaims } from './session-rules';
import { auth } from './next-auth';
import { paths } from '@/lib/paths';
import { settings } from '@/lib/settings';

/** The signed-in user as an Actor, re-read from the database once per request; null when signed out, disabled or deleted. */
export const getCurrentUser = cache(async () => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const requestHeaders = await headers();
  const actor = await loadUserActor(userId, clientIpFrom(requestHeaders), sessionClaims(session));
  // `sso`: signed in through the identity provider, whose job the second factor was (SPEC §10).
  const sso = session?.secondFactor === 'sso';
  return actor && { ...actor, sso, userAgent: requestHeaders.get('user-agent'), requestId: requestIdOf(requestHeaders) };
});

/**
 * The signed-in user of a page. With KEYGATE_TWO_FACTOR=required, one without two-factor is sent to
 * set it up first (that page itself asks getCurrentUser), unless they signed in with single sign-on.
 */
export async function requireCurrentUser() {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  if (settings().KEYGATE_TWO_FACTOR === 'required' && !user.twoFactor && !user.sso) redirect(paths.twoFactorSetup);
  return user;
}
