import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { headers } from 'next/headers';
import { confirmOwnPassword } from '@/lib/auth/confirm-password';
import { getCurrentUser } from '@/lib/auth/current-actor';
import { auth } from '@/lib/auth/next-auth';
import { hasRecentSignIn, rememberConfirmation } from '@/lib/auth/recent-sign-in';
import { sessionClaims } from '@/lib/auth/session-rules';
import { singleSignOn } from '@/lib/settings';
import type { Result } from '@/lib/errors';
import type { FormState } from './form-state';

/** Everything typed into a form except secrets, to put back after a failed submit. */
function echoValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    // Passwords and tokens (Find by token) never come back to the page.
    if (key.startsWith('$') || /password|^token$/i.test(key)) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

/**
 * Adapts an operation to a form: resolves the signed-in user from the session
 * (never from the form), maps the form to the operation's input, and turns a
 * failure into field errors. One shape of failure, always returned, never thrown.
 *
 * @example
 * export const deleteRoleAction = formAction(deleteRole, (form) => ({ id: String(form.get('id')) }), () => redirect('/roles'));
 */
export function formAction<Input, Output>(
  operation: (actor: Actor & { email: string }, input: Input) => Promise<Result<Output>>,
  toInput: (form: FormData) => Input,
  onSuccess: (data: Output) => FormState | Promise<FormState>,
  /**
   * Sensitive actions need a sign-in within the last 15 minutes: all of them, or those the
   * predicate finds sensitive. A predicate compares the input with what is stored, never with
   * anything else the form sends: a form's fields are the client's to forge.
   */
  options: { recentSignIn?: boolean | ((input: Input) => Promise<boolean>) } = {},
) {
  return async (_previous: FormState, form: FormData): Promise<FormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { status: 'error', message: 'Your session has ended. Sign in again.', values: echoValues(form) };
    const input = toInput(form);
    const sensitive = typeof options.recentSignIn === 'function' ? await options.recentSignIn(input) : Boolean(options.recentSignIn);
    if (sensitive) {
      const unconfirmed = await confirmRecentSignIn(actor, form);
      if (unconfirmed) return { ...unconfirmed, values: echoValues(form) };
    }
    const result = await operation(actor, input);
    if (!result.ok) {
      return { status: 'error', message: result.message, fieldErrors: result.fieldErrors, values: echoValues(form) };
    }
    return onSuccess(result.data);
  };
}

/**
 * An action on the one record the form's `id` names (a delete): sensitive, so it always asks for
 * a recent sign-in.
 */
export function idFormAction<Output>(
  operation: (actor: Actor, input: { id: string }) => Promise<Result<Output>>,
  onSuccess: (data: Output) => FormState | Promise<FormState>,
) {
  return formAction(operation, (form) => ({ id: formString(form, 'id') }), onSuccess, { recentSignIn: true });
}

/**
 * Nothing to do when the password was typed within 15 minutes; otherwise the password sent with
 * the form (`$confirmPassword`, checked like a sign-in) confirms it, or the form is asked for it.
 */
async function confirmRecentSignIn(actor: Actor & { email: string }, form: FormData): Promise<FormState | null> {
  const session = await auth();
  if (await hasRecentSignIn(actor.id, sessionClaims(session))) return null;
  const password = form.get('$confirmPassword');
  if (typeof password !== 'string' || password === '') {
    // Signed in with single sign-on: the provider can confirm it too (it is asked to authenticate again).
    const sso = session?.secondFactor === 'sso' ? singleSignOn() : null;
    if (sso) {
      const message = `You signed in more than 15 minutes ago: confirm your password, or sign in with ${sso.name} again, to continue.`;
      return { status: 'error', reauth: true, reauthWith: sso.name, message };
    }
    return { status: 'error', reauth: true, message: 'You signed in more than 15 minutes ago: confirm your password to continue.' };
  }
  const confirmed = await confirmOwnPassword(actor, password);
  if (!confirmed.ok) return { status: 'error', reauth: true, message: confirmed.message };
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  await rememberConfirmation(actor.id, confirmed.sessionVersion, secure);
  return null;
}

export const formString = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
};

export const formStrings = (form: FormData, key: string) => form.getAll(key).filter((value): value is string => typeof value === 'string');
