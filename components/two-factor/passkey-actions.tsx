'use client';

import { useActionState, useState } from 'react';
import { ConfirmAction } from '@/components/confirm-action';
import { echoed, FormMessage } from '@/components/form-message';
import { idleFormState } from '@/lib/forms/form-state';
import { removePasskeyAction, renamePasskeyAction } from '@/lib/passkeys/actions';

/** Rename (an inline form, opened on demand) and Remove (a confirmation dialog) for one passkey. */
export function PasskeyActions({ id, name, lastFactor }: { id: string; name: string; lastFactor: boolean }) {
  const [renaming, setRenaming] = useState(false);
  const [state, action, pending] = useActionState(renamePasskeyAction, idleFormState);
  const field = `passkey-name-${id}`;
  if (renaming) {
    return (
      <form action={action} className="stack" noValidate aria-label={`Rename ${name}`}>
        <FormMessage state={state} />
        <input type="hidden" name="id" value={id} />
        <div className="field">
          <label htmlFor={field}>New name</label>
          <input
            id={field}
            name="passkeyName"
            defaultValue={echoed(state, 'passkeyName', name)}
            maxLength={64}
            required
            autoFocus
            aria-invalid={state.fieldErrors?.name ? true : undefined}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={pending}>
            Save name
          </button>
          <button type="button" className="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }
  return (
    <div className="actions">
      <button type="button" className="button" onClick={() => setRenaming(true)} aria-label={`Rename ${name}`}>
        Rename
      </button>
      <ConfirmAction
        action={removePasskeyAction}
        fields={{ id }}
        label="Remove"
        title={`Remove the passkey “${name}”?`}
        body={
          lastFactor
            ? 'It is your last second factor: removing it turns two-factor authentication off, and your recovery codes stop working. Your password is needed.'
            : 'It will no longer sign you in. Your other second factors stay.'
        }
        confirmLabel="Remove passkey"
      />
    </div>
  );
}
