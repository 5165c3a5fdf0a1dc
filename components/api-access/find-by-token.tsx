'use client';

import { useActionState, useId, useState } from 'react';
import { FieldError, FormMessage } from '@/components/form-message';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

/**
 * SPEC §8: paste a token, be taken to its key. A POST form (a server action): the token never
 * reaches a URL, a log line or the form's echo.
 */
export function FindByToken({ action }: { action: (state: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const errors = state.fieldErrors?.token;
  return (
    <div className="find-by-token">
      <button
        type="button"
        className="button"
        aria-expanded={open || state.status === 'error'}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        Find by token
      </button>
      <form
        action={formAction}
        id={panelId}
        hidden={!open && state.status !== 'error'}
        className="filters"
        aria-label="Find by token"
        noValidate
      >
        <FormMessage state={state} />
        <div className="field">
          <label htmlFor="find-token">Token</label>
          <input
            id="find-token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="kg_…"
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? 'find-token-error' : undefined}
          />
          <FieldError id="find-token-error" errors={errors} />
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={pending}>
            Find
          </button>
        </div>
      </form>
    </div>
  );
}
