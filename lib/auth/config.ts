import type { NextAuthConfig } from 'next-auth';
import { sameSitePath } from './same-site-path';

/**
 * The part of the auth setup that needs no database, shared with proxy.ts.
 * The proxy only redirects pages; every page, action and route checks the
 * session against the database itself (see current-actor.ts).
 */
export const authConfig = {
  // next-auth's own error page too: the sign-in page says only that single sign-on did not complete.
  pages: { signIn: '/login', error: '/login' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  // Keygate runs behind its own server, which keeps X-Forwarded-Host/-Proto only from a trusted
  // proxy (TRUST_PROXY=1). Redirects are relative (see `redirect`), so the host decides only
  // whether cookies are the https kind.
  trustHost: true,
  providers: [],
  callbacks: {
    authorized: ({ auth }) => Boolean(auth?.user),
    // After sign-in and sign-out: a path, never the host next-auth saw (a proxy's upstream, or the server's own address).
    redirect: ({ url, baseUrl }) => sameSitePath(url, baseUrl),
    // Only a sign-in sets the claims; an update from the browser can never raise them.
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.authAt = Math.floor(Date.now() / 1000);
        token.sid = crypto.randomUUID();
        token.tf = user.secondFactor;
        token.idpAt = user.providerAuthAt;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sv;
      session.authAt = token.authAt;
      session.sessionId = token.sid;
      session.secondFactor = token.tf;
      session.providerAuthAt = token.idpAt;
      return session;
    },
  },
} satisfies NextAuthConfig;
