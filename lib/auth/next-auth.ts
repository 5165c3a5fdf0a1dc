import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate, signInInput } from './authenticate';
import { authConfig } from './config';
import { isDatabaseUnavailable } from '@/lib/errors';
import { requestIdOf } from '@/lib/log/request-id';
import { clientIpFrom } from './client-ip';
import { log } from '@/lib/log/logger';

/** The reason travels to the sign-in form as an error code, never as detail about the account. */
class SignInRefused extends CredentialsSignin {
  constructor(reason: string) {
    super();
    this.code = reason;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A refused sign-in is an answer, not a server fault: no stack trace in the log for every wrong password.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      log().error({ err: error }, 'next-auth error');
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
        return outcome.user;
      },
    }),
  ],
});
