'use client';

import { useCallback, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { deleteApiAccessAndLeaveAction } from '@/lib/api-access/actions';

/** "Delete" on a key's own view: asks first, then goes back to the table, where the key is gone. */
export function DeleteApiAccessButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={open}
        onClose={close}
        action={deleteApiAccessAndLeaveAction}
        fields={{ id }}
        title={`Delete ${name}?`}
        body="Its token stops working at once. This cannot be undone."
        confirmLabel="Delete"
      />
    </>
  );
}
