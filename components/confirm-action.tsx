'use client';

import { useCallback, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { FormState } from '@/lib/forms/form-state';

/** A button that asks first, in a modal dialog: red for what cannot be undone, plain for what can. */
export function ConfirmAction({
  reversible = false,
  ...props
}: {
  /** Undone as easily as done (disable, enable): a plain button, not a danger one. */
  reversible?: boolean;
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" className={reversible ? 'button' : 'button danger'} onClick={() => setOpen(true)}>
        {props.label}
      </button>
      <ConfirmDialog open={open} onClose={close} {...props} />
    </>
  );
}
