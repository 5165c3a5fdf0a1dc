'use client';

import { useActionState, useRef } from 'react';
import { FormMessage } from '@/components/form-message';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

/** A destructive button that asks first, in a modal dialog, and shows why it failed if it does. */
export function ConfirmAction({
  action,
  fields,
  label,
  title,
  body,
  confirmLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <FormMessage state={state} />
      <button type="button" className="button danger" onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby="confirm-title" className="dialog">
        <form action={formAction} onSubmit={() => dialog.current?.close()}>
          <h2 id="confirm-title">{title}</h2>
          <p>{body}</p>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </button>
            <button type="submit" className="button danger" disabled={pending}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
