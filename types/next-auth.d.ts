import type { DefaultSession } from 'next-auth';
import type { SecondFactorClaim } from '@/lib/auth/session-rules';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
    /** The user's session version when this session signed in (see lib/auth/session-rules.ts). */
    sessionVersion?: number;
    /** When the password was typed, in epoch seconds. */
    authAt?: number;
    /** This session's own id: signing out ends it on the server (lib/auth/end-session.ts). */
    sessionId?: string;
    /** 'pending' after the password of a user with two-factor, 'passed' after their code (lib/auth/session-rules.ts). */
    secondFactor?: SecondFactorClaim;
    /** A single sign-on's: when the identity provider last authenticated the person (its `auth_time`), in epoch seconds. */
    providerAuthAt?: number;
  }
  interface User {
    sessionVersion?: number;
    secondFactor?: SecondFactorClaim;
    providerAuthAt?: number;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    sv?: number;
    authAt?: number;
    sid?: string;
    tf?: SecondFactorClaim;
    idpAt?: number;
  }
}
