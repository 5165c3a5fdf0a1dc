import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/config';
import { paths } from '@/lib/paths';
import { contentSecurityPolicy, HSTS } from '@/lib/security-headers';

const { auth } = NextAuth(authConfig);

/**
 * A page with a fresh nonce: Next reads it from the request's Content-Security-Policy and puts
 * it on its own scripts; the browser gets the same policy on the response.
 */
function securePage(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV !== 'production' });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  if (request.nextUrl.protocol === 'https:') response.headers.set('strict-transport-security', HSTS);
  return response;
}

/**
 * Signed-out visitors of a page go to /login, and come back after signing in; the others get the
 * page. The callbackUrl is a path: this request's URL names the server's own address, not the one
 * the visitor used. The redirect is on that same address, which Next sends as a relative Location.
 */
const signedInPage = auth((request) => {
  // Past the password, not yet the code: only the "Authentication code" step (pages check this themselves too).
  const target = request.auth?.secondFactor === 'pending' ? paths.signInCode : '/login';
  if (request.auth?.user && target === '/login') return securePage(request);
  const signInUrl = new URL(target, request.nextUrl);
  signInUrl.searchParams.set('callbackUrl', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signInUrl);
});

/**
 * Every page gets its security headers here. Sending signed-out visitors to /login is a
 * convenience, not the security boundary: every page, server action and route handler checks itself.
 */
export function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.nextUrl.pathname === '/login' || request.nextUrl.pathname === paths.signInCode) return securePage(request);
  return (signedInPage as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>)(request, event);
}

// Everything but /api/ (JSON, and next-auth's own pages: next.config.ts gives them their policy) and static files.
export const config = {
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico).*)'],
};
