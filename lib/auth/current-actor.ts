import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { requestIdOf } from '@/lib/log/request-id';
import { clientIpFrom } from './client-ip';
import { loadUserActor } from './load-user-actor';
import { sessionClaims } from './session-rules';
import { auth } from './next-auth';

/** The signed-in user as an Actor, re-read from the database once per request; null when signed out, disabled or deleted. */
export const getCurrentUser = cache(async () => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const requestHeaders = await headers();
  const actor = await loadUserActor(userId, clientIpFrom(requestHeaders), sessionClaims(session));
  return actor && { ...actor, userAgent: requestHeaders.get('user-agent'), requestId: requestIdOf(requestHeaders) };
});

export async function requireCurrentUser() {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  return user;
}
