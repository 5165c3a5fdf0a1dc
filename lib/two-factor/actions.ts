'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth, signIn } from '@/lib/auth/next-auth';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { getCurrentUser } from '@/lib/auth/current-actor';
import { sameSitePath } from '@/lib/auth/same-site-path';
import { secondFactorProof } from '@/lib/auth/second-factor-proof';
import { sessionClaims } from '@/lib/auth/session-rules';
import { SIGN_IN_LIMIT } from '@/lib/auth/throttle';
import { formAction, formString, idFormAction } from '@/lib/forms/form-action';
import type { FormState } from '@/lib/forms/form-state';
import { paths } from '@/lib/paths';
import { checkSignInCode } from './check-sign-in-code';
import { confirmTotpEnrolment } from './confirm-enrolment';
import { disableTwoFactor } from './disable-two-factor';
import { pendingSignInUser } from './pending-sign-in';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes';
import { resetTwoFactor } from './reset-two-factor';
import { startTotpEnrolment } from './start-enrolment';

const CODE_REFUSALS = {
  wrong: 'That code is not right. Type the code your authenticator app shows now, or one of your recovery codes.',
  replayed: 'That code was used already. Wait for the next one.',
  throttled: `Too many wrong codes. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes and try again.`,
} as const;

/** The sign-in's "Authentication code" step: only a session pending its second factor gets here. */
export async function signInCodeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const session = await auth();
  const user = await pendingSignInUser(session?.user?.id, sessionClaims(session));
  if (!user) return { status: 'error', message: 'This sign-in has expired. Sign in again with your email and password.' };
  const code = formString(form, 'code').trim();
  if (!code)
    return {
      status: 'error',
      message: 'Enter your authentication code.',
      fieldErrors: { code: ['Enter the code from your authenticator app, or a recovery code.'] },
    };
  const requestHeaders = await headers();
  const outcome = await checkSignInCode(user, code.slice(0, 64), {
    ip: clientIpFrom(requestHeaders),
    userAgent: requestHeaders.get('user-agent'),
  });
  if (!outcome.ok)
    return { status: 'error', message: CODE_REFUSALS[outcome.reason], fieldErrors: { code: [CODE_REFUSALS[outcome.reason]] } };
  // A recovery code used: the Account page says how many are left, and offers new ones.
  const redirectTo =
    outcome.method === 'recoveryCode' ? `${paths.account}?done=recovery-code` : sameSitePath(formString(form, 'callbackUrl') || '/');
  // A new session (new id), recording that the second factor was passed.
  await signIn('second-factor', { userId: user.id, proof: secondFactorProof(user.id), redirectTo });
  return { status: 'success' };
}

export const startTotpEnrolmentAction = formAction(
  startTotpEnrolment,
  () => ({}),
  () => redirect(paths.twoFactorSetup),
  { recentSignIn: true },
);

export async function confirmTotpEnrolmentAction(_previous: FormState, form: FormData): Promise<FormState> {
  const [actor, session] = await Promise.all([getCurrentUser(), auth()]);
  if (!actor) return { status: 'error', message: 'Your session has ended. Sign in again.' };
  const result = await confirmTotpEnrolment(actor, { code: formString(form, 'code') }, session?.sessionId);
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  return { status: 'success', recoveryCodes: result.data.recoveryCodes ?? undefined };
}

export const regenerateRecoveryCodesAction = formAction(
  regenerateRecoveryCodes,
  () => ({}),
  ({ recoveryCodes }) => ({ status: 'success', recoveryCodes }),
  { recentSignIn: true },
);

export const disableTwoFactorAction = formAction(
  disableTwoFactor,
  (form) => ({ password: formString(form, 'twoFactorOffPassword') }),
  () => redirect(`${paths.account}?done=two-factor-off`),
);

export const resetTwoFactorAction = idFormAction(resetTwoFactor, ({ id }) => redirect(`${paths.users.detail(id)}?saved=two-factor-reset`));
