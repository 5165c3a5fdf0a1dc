'use client';

import { useCallback, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { FormState } from '@/lib/forms/form-state';

/** A destructive button that asks first, in a modal dialog. */
export function ConfirmAction(props: {
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
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        {props.label}
      </button>
      <ConfirmDialog open={open} onClose={close} {...props} />
    </>
  );
}
