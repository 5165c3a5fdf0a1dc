'use server';

import { getCurrentUser } from '@/lib/auth/current-actor';
import { auth, signIn } from '@/lib/auth/next-auth';
import { sessionClaims } from '@/lib/auth/session-rules';
import { secondFactorProof } from '@/lib/auth/second-factor-proof';
import { formString } from '@/lib/forms/form-action';
import { paths } from '@/lib/paths';
import type { FormState } from '@/lib/forms/form-state';
import { changeOwnPassword, signOutEverywhere } from './operations';

const ended: FormState = { status: 'error', message: 'Your session has ended. Sign in again.' };

/**
 * After the versions moved on, this browser gets a new session with the password just typed
 * (only the others end), and comes back to the Account page saying what happened.
 */
async function keepThisSession(
  actor: { id: string; email: string; twoFactor: boolean },
  password: string,
  done: 'password' | 'signed-out',
) {
  const redirectTo = `${paths.account}?done=${done}`;
  // A single sign-on stays one (second factor the provider's, recent sign-in from its authentication).
  const { secondFactor, providerAuthAt } = sessionClaims(await auth());
  if (secondFactor === 'sso' && providerAuthAt !== undefined) {
    const proof = secondFactorProof(actor.id, undefined, providerAuthAt);
    await signIn('second-factor', { userId: actor.id, proof, ssoAuthAt: String(providerAuthAt), redirectTo });
  }
  // This session passed the second factor: the new one has too, without asking for a code again.
  else if (actor.twoFactor) await signIn('second-factor', { userId: actor.id, proof: secondFactorProof(actor.id), redirectTo });
  else await signIn('credentials', { email: actor.email, password, redirectTo });
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
  await keepThisSession(actor, input.newPassword, 'password');
  return { status: 'success' };
}

export async function signOutEverywhereAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await getCurrentUser();
  if (!actor) return ended;
  const password = formString(form, 'password');
  const result = await signOutEverywhere(actor, { password });
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  await keepThisSession(actor, password, 'signed-out');
  return { status: 'success' };
}
