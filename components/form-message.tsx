import type { FormState } from '@/lib/forms/form-state';
import { SsoReauthButton } from './sso-reauth-button';
import { FocusFirstError } from './focus-first-error';

/**
 * The banner at the top of a form; announced to screen readers when it changes. When the action
 * wants the password typed again, the field sits here, inside the form, which is then sent again
 * with everything else as it was.
 */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <>
      <FocusFirstError state={state} />
      <div role={state.status === 'error' ? 'alert' : 'status'} className={`banner banner-${state.status}`}>
        {state.message}
      </div>
      {state.reauth && (
        <div className="field">
          <label htmlFor="confirm-password">Your password</label>
          <input id="confirm-password" name="$confirmPassword" type="password" autoComplete="current-password" required autoFocus />
        </div>
      )}
      {state.reauth && state.reauthWith && <SsoReauthButton name={state.reauthWith} />}
    </>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(' ')}
    </p>
  );
}

/** Props that tie an input to its error message for assistive technology. */
export function errorProps(id: string, errors?: string[]) {
  return errors?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export const echoed = (state: FormState, key: string, fallback = '') => {
  const value = state.values?.[key];
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? fallback) : fallback;
};

export const echoedList = (state: FormState, key: string, fallback: string[]) => {
  if (!state.values) return fallback;
  const value = state.values[key];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
};
