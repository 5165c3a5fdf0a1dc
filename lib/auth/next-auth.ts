import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate, signInInput } from './authenticate';
import { authConfig } from './config';
import { isDatabaseUnavailable } from '@/lib/errors';
import { requestIdOf } from '@/lib/log/request-id';
import { clientIpFrom } from './client-ip';
import { log } from '@/lib/log/logger';
import { isSecondFactorProof } from './second-factor-proof';
import { userPassedSecondFactor } from './second-factor-user';
import { signInCallback } from './sso/callback';
import { ssoProviders } from './sso/provider';

/** The reason travels to the sign-in form as an error code, never as detail about the account. */
class SignInRefused extends CredentialsSignin {
  constructor(reason: string) {
    super();
    this.code = reason;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks: { ...authConfig.callbacks, signIn: signInCallback },
  logger: {
    // A refused sign-in is an answer, not a server fault: no stack trace in the log for every wrong password.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      // What went wrong inside (a single sign-on's provider answer, say) is next-auth's error's cause: the log says it, the page does not.
      const cause = (error as { cause?: { err?: unknown } }).cause?.err;
      log().error({ err: error, ...(cause instanceof Error ? { cause: cause.message } : {}) }, 'next-auth error');
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const parsed = signInInput.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused('invalid');
        let outcome: Awaited<ReturnType<typeof authenticate>>;
        try {
          outcome = await authenticate({
            ...parsed.data,
            ip: clientIpFrom(request.headers),
            userAgent: request.headers.get('user-agent'),
            requestId: requestIdOf(request.headers),
          });
        } catch (error) {
          // The database is down: say so, instead of "wrong password" or a stack trace.
          if (isDatabaseUnavailable(error)) throw new SignInRefused('unavailable');
          throw error;
        }
        if (!outcome.ok) throw new SignInRefused(outcome.reason);
        const { twoFactor, ...user } = outcome.user;
        // With two-factor, the password alone makes a pending session: no page, action or route accepts it.
        return twoFactor ? { ...user, secondFactor: 'pending' as const } : user;
      },
    }),
    // Only the server signs in here, after it checked a second factor itself (lib/two-factor/sign-in-step.ts).
    Credentials({
      id: 'second-factor',
      credentials: { userId: {}, proof: {}, ssoAuthAt: {} },
      async authorize(credentials) {
        const { userId, proof, ssoAuthAt } = credentials as { userId?: unknown; proof?: unknown; ssoAuthAt?: unknown };
        // Set only when an SSO session is re-issued (lib/account/actions.ts): it stays one, as old as it was.
        const ssoAt = typeof ssoAuthAt === 'string' && /^\d+$/.test(ssoAuthAt) ? Number(ssoAuthAt) : undefined;
        if (typeof userId !== 'string' || typeof proof !== 'string' || !isSecondFactorProof(userId, proof, undefined, ssoAt))
          throw new SignInRefused('invalid');
        const user = await userPassedSecondFactor(userId);
        if (!user) throw new SignInRefused('invalid');
        return ssoAt === undefined ? user : { ...user, secondFactor: 'sso' as const, providerAuthAt: ssoAt };
      },
    }),
    // Single sign-on with OpenID Connect, when configured (lib/auth/sso/).
    ...ssoProviders(),
  ],
});
