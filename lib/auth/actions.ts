'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import type { FormState } from '@/lib/forms/form-state';
import { signInInput } from './authenticate';
import { auth, signIn, signOut } from './next-auth';
import { sameSitePath } from './same-site-path';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { inTransaction } from '@/lib/transaction';
import { endSession } from './end-session';
import { sessionClaims } from './session-rules';
import { getCurrentUser } from './current-actor';
import { SIGN_IN_LIMIT } from './throttle';
import { redirect } from 'next/navigation';
import { paths } from '@/lib/paths';
import { emailHasTwoFactor } from './second-factor-user';

const REFUSALS: Record<string, string> = {
  invalid: 'Wrong email or password.',
  disabled: 'This account is disabled. Ask an administrator to enable it.',
  throttled: `Too many failed sign-ins. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes and try again.`,
  unavailable: 'Keygate cannot reach its database right now, so nobody can sign in. Try again in a minute.',
};

export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get('email') ?? '');
  const parsed = signInInput.safeParse({ email, password: form.get('password') ?? '' });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { status: 'error', message: 'Enter your email and password.', fieldErrors, values: { email } };
  }
  // Only same-site paths: an open redirect after sign-in is a phishing aid.
  const redirectTo = sameSitePath(String(form.get('callbackUrl') || '/'));
  try {
    await signIn('credentials', { ...parsed.data, redirect: false });
    // The password was right: a user with two-factor goes on to the "Authentication code" step.
    redirect(
      (await emailHasTwoFactor(parsed.data.email)) ? `${paths.signInCode}?callbackUrl=${encodeURIComponent(redirectTo)}` : redirectTo,
    );
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { status: 'error', message: REFUSALS[error.code] ?? REFUSALS.invalid, values: { email } };
    }
    if (error instanceof AuthError) return { status: 'error', message: 'Sign-in failed. Try again.', values: { email } };
    throw error; // the redirect that signals success
  }
}

/**
 * Ends this session on the server before clearing its cookie: a copy of the cookie, or one that a
 * request still in flight re-issues after the sign-out, then belongs to no one.
 */
export async function signOutAction(): Promise<void> {
  const [user, session] = await Promise.all([getCurrentUser(), auth()]);
  if (user) {
    await inTransaction(async (tx) => {
      await endSession(tx, sessionClaims(session));
      await recordAudit(tx, user, { action: 'auth.sign_out', targetId: user.id, targetName: user.email });
      return success(null);
    });
  }
  await signOut({ redirectTo: '/login' });
}
