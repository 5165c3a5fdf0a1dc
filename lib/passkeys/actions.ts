'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { getCurrentUser } from '@/lib/auth/current-actor';
import { auth, signIn } from '@/lib/auth/next-auth';
import { sameSitePath } from '@/lib/auth/same-site-path';
import { hasRecentSignIn } from '@/lib/auth/recent-sign-in';
import { secondFactorProof } from '@/lib/auth/second-factor-proof';
import { sessionClaims } from '@/lib/auth/session-rules';
import { SIGN_IN_LIMIT } from '@/lib/auth/throttle';
import { formAction, formString } from '@/lib/forms/form-action';
import type { FormState } from '@/lib/forms/form-state';
import { paths } from '@/lib/paths';
import { pendingSignInUser } from '@/lib/two-factor/pending-sign-in';
import { checkSignInPasskey } from './check-sign-in-passkey';
import { finishPasskeyRegistration } from './finish-registration';
import { removePasskey } from './remove-passkey';
import { renamePasskey } from './rename-passkey';
import { passkeySignInOptions } from './sign-in-options';
import { startPasskeyRegistration } from './start-registration';

const SIGN_IN_EXPIRED: FormState = { status: 'error', message: 'This sign-in has expired. Sign in again with your email and password.' };

const PASSKEY_REFUSALS = {
  wrong: 'That passkey was not accepted. Use a passkey you added to Keygate, or type a code.',
  expired: 'The passkey request has expired. Try again.',
  throttled: `Too many failed attempts. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes and try again.`,
} as const;

/**
 * "Add a passkey", first half: the options for the browser, their challenge kept for this session.
 * Needs a recent sign-in, as setting up an authenticator app does.
 */
export async function startPasskeyRegistrationAction(previous: FormState, form: FormData): Promise<FormState> {
  const sessionId = (await auth())?.sessionId;
  return formAction(
    (actor, input: { name: string }) => startPasskeyRegistration(actor, input, sessionId),
    (form) => ({ name: formString(form, 'passkeyName') }),
    ({ options }) => ({ status: 'success', passkeyOptions: JSON.stringify(options) }),
    { recentSignIn: true },
  )(previous, form);
}

/** "Add a passkey", second half: the browser's answer. Recovery codes come back when it was the first second factor. */
export async function finishPasskeyRegistrationAction(_previous: FormState, form: FormData): Promise<FormState> {
  const [actor, session] = await Promise.all([getCurrentUser(), auth()]);
  if (!actor) return { status: 'error', message: 'Your session has ended. Sign in again.' };
  const input = { name: formString(form, 'passkeyName'), response: formString(form, 'response') };
  const result = await finishPasskeyRegistration(actor, input, session?.sessionId);
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  return { status: 'success', message: `Passkey “${input.name.trim()}” added.`, recoveryCodes: result.data.recoveryCodes ?? undefined };
}

export const renamePasskeyAction = formAction(
  renamePasskey,
  (form) => ({ id: formString(form, 'id'), name: formString(form, 'passkeyName') }),
  () => redirect(`${paths.account}?done=passkey-renamed`),
);

/**
 * Removing a passkey; the last second factor asks for the password in the dialog's password field.
 * Without a recent sign-in the form's check of that field (which must pass first) is the one check
 * of the password: the removal is not asked to check it again.
 */
export async function removePasskeyAction(previous: FormState, form: FormData): Promise<FormState> {
  const session = await auth();
  const checkedByForm = !(await hasRecentSignIn(session?.user?.id ?? '', sessionClaims(session)));
  const state = await formAction(
    (actor, input: { id: string; password?: string }) => removePasskey(actor, input, { passwordConfirmed: checkedByForm }),
    (form) => ({ id: formString(form, 'id'), password: checkedByForm ? undefined : formString(form, '$confirmPassword') || undefined }),
    ({ lastFactor }) => redirect(`${paths.account}?done=${lastFactor ? 'two-factor-off' : 'passkey-removed'}`),
    { recentSignIn: true },
  )(previous, form);
  const passwordError = state.fieldErrors?.password?.[0];
  return passwordError ? { status: 'error', reauth: true, message: passwordError } : state;
}

/** "Use a passkey" at the sign-in's second step: options naming only this user's passkeys, for this pending session. */
export async function passkeySignInOptionsAction(): Promise<FormState> {
  const session = await auth();
  const user = await pendingSignInUser(session?.user?.id, sessionClaims(session));
  if (!user || !session?.sessionId) return SIGN_IN_EXPIRED;
  const outcome = await passkeySignInOptions(user, { ip: clientIpFrom(await headers()), sessionId: session.sessionId });
  if (!outcome.ok)
    return {
      status: 'error',
      message: outcome.reason === 'throttled' ? PASSKEY_REFUSALS.throttled : 'You have no passkey. Type a code instead.',
    };
  return { status: 'success', passkeyOptions: JSON.stringify(outcome.options) };
}

/** The passkey's answer: passed, it issues the same session a code does (second factor passed). */
export async function passkeySignInAction(response: string, callbackUrl: string): Promise<FormState> {
  const session = await auth();
  const user = await pendingSignInUser(session?.user?.id, sessionClaims(session));
  if (!user || !session?.sessionId) return SIGN_IN_EXPIRED;
  const requestHeaders = await headers();
  const outcome = await checkSignInPasskey(user, typeof response === 'string' ? response : '', {
    ip: clientIpFrom(requestHeaders),
    userAgent: requestHeaders.get('user-agent'),
    sessionId: session.sessionId,
  });
  if (!outcome.ok) return { status: 'error', message: PASSKEY_REFUSALS[outcome.reason] };
  const redirectTo = sameSitePath(typeof callbackUrl === 'string' && callbackUrl ? callbackUrl : '/');
  // A new session (new id), recording that the second factor was passed.
  await signIn('second-factor', { userId: user.id, proof: secondFactorProof(user.id), redirectTo });
  return { status: 'success' };
}
