'use client';

import { useActionState } from 'react';
import { signInAction } from '@/lib/auth/actions';
import { idleFormState } from '@/lib/forms/form-state';
import { FieldError, FormMessage, echoed, errorProps } from './form-message';

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState(signInAction, idleFormState);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={echoed(state, 'email')}
          {...errorProps('email', state.fieldErrors?.email)}
        />
        <FieldError id="email-error" errors={state.fieldErrors?.email} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          {...errorProps('password', state.fieldErrors?.password)}
        />
        <FieldError id="password-error" errors={state.fieldErrors?.password} />
      </div>
      <button type="submit" className="button primary" disabled={pending}>
        Sign in
      </button>
    </form>
  );
}
