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
  return (
    <dialog ref={dialog} className="panel" aria-label={title} onClose={() => router.back()}>
      <div className="panel-header">
        <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
      {children}
    </dialog>
  );
}
