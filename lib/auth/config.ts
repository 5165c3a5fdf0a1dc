import type { NextAuthConfig } from 'next-auth';

/**
 * The part of the auth setup that needs no database, shared with proxy.ts.
 * The proxy only redirects pages; every page, action and route checks the
 * session against the database itself (see current-actor.ts).
 */
export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  // Keygate runs behind its own server or a proxy that sets the Host header.
  trustHost: true,
  providers: [],
  callbacks: {
    authorized: ({ auth }) => Boolean(auth?.user),
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
