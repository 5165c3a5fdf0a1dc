'use server';

import { getCurrentUser } from '@/lib/auth/current-actor';
import { signIn } from '@/lib/auth/next-auth';
import { formString } from '@/lib/forms/form-action';
import { paths } from '@/lib/paths';
import type { FormState } from '@/lib/forms/form-state';
import { changeOwnPassword, signOutEverywhere } from './operations';

const ended: FormState = { status: 'error', message: 'Your session has ended. Sign in again.' };

/**
 * After the versions moved on, this browser gets a new session with the password just typed
 * (only the others end), and comes back to the Account page saying what happened.
 */
async function keepThisSession(email: string, password: string, done: 'password' | 'signed-out') {
  await signIn('credentials', { email, password, redirectTo: `${paths.account}?done=${done}` });
}

export async function changeOwnPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await getCurrentUser();
  if (!actor) return ended;
  const input = {
    currentPassword: formString(form, 'currentPassword'),
    newPassword: formString(form, 'newPassword'),
    confirmPassword: formString(form, 'confirmPassword'),
  };
  const result = await changeOwnPassword(actor, input);
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  await keepThisSession(actor.email, input.newPassword, 'password');
  return { status: 'success' };
}

export async function signOutEverywhereAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await getCurrentUser();
  if (!actor) return ended;
  const password = formString(form, 'password');
  const result = await signOutEverywhere(actor, { password });
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  await keepThisSession(actor.email, password, 'signed-out');
  return { status: 'success' };
}
