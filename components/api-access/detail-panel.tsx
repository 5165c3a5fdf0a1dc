'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/** The detail view as a modal panel over the table; closing it goes back to the table as it was. */
export function DetailPanel({ children, title }: { children: React.ReactNode; title: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  // A token shown once must not vanish by a stray Escape or Close: ask first.
  const mayClose = () =>
    !dialog.current?.querySelector('.token-reveal') || window.confirm('The token will not be shown again. Close anyway?');
  return (
    <dialog
      ref={dialog}
      className="panel"
      aria-label={title}
      onClose={() => router.back()}
      onCancel={(event) => {
        if (!mayClose()) event.preventDefault();
      }}
    >
      <div className="panel-header">
        <button type="button" className="button" onClick={() => mayClose() && dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
      {children}
    </dialog>
  );
}
