'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { signOutEverywhereAction } from '@/lib/account/actions';
import { idleFormState } from '@/lib/forms/form-state';

export function SignOutEverywhereForm() {
  const [state, action, pending] = useActionState(signOutEverywhereAction, idleFormState);
  return (
    <form action={action} className="stack" noValidate aria-labelledby="sign-out-everywhere-title">
      <h2 id="sign-out-everywhere-title">Sign out everywhere else</h2>
      <p className="muted">Ends every session of yours in other browsers and devices at once; this one stays signed in.</p>
      <FormMessage state={state} />
      <TextField
        name="password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={pending}>
          Sign out everywhere else
        </button>
      </div>
    </form>
  );
}
