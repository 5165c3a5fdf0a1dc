'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { changeOwnPasswordAction } from '@/lib/account/actions';
import { idleFormState } from '@/lib/forms/form-state';

/** Passwords are never echoed back: after an error they are typed again. */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changeOwnPasswordAction, idleFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="stack" noValidate aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      <FormMessage state={state} />
      <TextField
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        errors={errors.currentPassword}
      />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        errors={errors.newPassword}
        hint="10 to 256 characters. Every other session of yours is signed out."
      />
      <TextField
        name="confirmPassword"
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
        errors={errors.confirmPassword}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          Change password
        </button>
      </div>
    </form>
  );
}
