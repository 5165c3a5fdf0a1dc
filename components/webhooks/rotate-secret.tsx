'use client';

import { useCallback, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { TokenReveal } from '@/components/token-reveal';
import type { FormState } from '@/lib/forms/form-state';
import { SECRET_WARNING } from './webhook-form';

/** Rotate secret: asks first, then shows the new secret once. */
export function RotateSecret({ id, action }: { id: string; action: (state: FormState, form: FormData) => Promise<FormState> }) {
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const close = useCallback(() => setOpen(false), []);
  const done = useCallback((state: FormState) => setSecret(state.token ?? null), []);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Rotate secret
      </button>
      <ConfirmDialog
        open={open}
        onClose={close}
        onDone={done}
        action={action}
        fields={{ id }}
        title="Rotate the signing secret?"
        body="A new secret signs from now on. The current one keeps signing beside it for 24 hours, so your receiver can switch without losing events."
        confirmLabel="Rotate secret"
      />
      {secret && (
        <div className="stack">
          <TokenReveal token={secret} banner="Secret rotated." label="Signing secret" warning={SECRET_WARNING} />
        </div>
      )}
    </>
  );
}
