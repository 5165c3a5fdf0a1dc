import NextAuth from 'next-auth';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/config';

const { auth } = NextAuth(authConfig);

/**
 * Redirects signed-out visitors of pages to /login. A convenience, not the
 * security boundary: every page, server action and route handler checks itself.
 */
export function proxy(request: NextRequest, event: NextFetchEvent) {
  return (auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>)(request, event);
}

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico|login).*)'],
};
