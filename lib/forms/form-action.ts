import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/current-actor';
import type { Result } from '@/lib/errors';
import type { FormState } from './form-state';

/** Everything typed into a form except secrets, to put back after a failed submit. */
function echoValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$') || /password/i.test(key)) continue;
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
  operation: (actor: Actor, input: Input) => Promise<Result<Output>>,
  toInput: (form: FormData) => Input,
  onSuccess: (data: Output) => FormState | Promise<FormState>,
) {
  return async (_previous: FormState, form: FormData): Promise<FormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { status: 'error', message: 'Your session has ended. Sign in again.', values: echoValues(form) };
    const result = await operation(actor, toInput(form));
    if (!result.ok) {
      return { status: 'error', message: result.message, fieldErrors: result.fieldErrors, values: echoValues(form) };
    }
    return onSuccess(result.data);
  };
}

export const formString = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
};

export const formStrings = (form: FormData, key: string) => form.getAll(key).filter((value): value is string => typeof value === 'string');
