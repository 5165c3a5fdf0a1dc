'use client';

import { useActionState, useEffect, useId, useRef } from 'react';
import { FormMessage } from '@/components/form-message';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

/**
 * A modal confirmation for destructive actions. Focus starts on Cancel; Escape
 * closes it; a failure is shown inside the dialog, a success closes it.
 */
export function ConfirmDialog({
  open,
  onClose,
  onDone,
  action,
  fields,
  title,
  body,
  confirmLabel,
}: {
  open: boolean;
  onClose: () => void;
  onDone?: (state: FormState) => void;
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string | string[]>;
  title: string;
  body: string;
  confirmLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const lastState = useRef(state);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  useEffect(() => {
    if (state === lastState.current) return;
    lastState.current = state;
    if (state.status === 'success') {
      onDone?.(state);
      onClose();
    }
  }, [state, onClose, onDone]);

  return (
    <dialog ref={dialog} aria-labelledby={titleId} className="dialog" onClose={onClose}>
      <form action={formAction}>
        <h2 id={titleId}>{title}</h2>
        <p>{body}</p>
        {state.status === 'error' && <FormMessage state={state} />}
        {Object.entries(fields).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((item) => <input key={`${name}-${item}`} type="hidden" name={name} value={item} />),
        )}
        <div className="actions">
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={pending}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
