'use client';

import { useRouter } from 'next/navigation';

/** The "Create API Access" button: opens the create form (as a panel over the table, by client-side navigation). */
export function CreateApiAccessButton({ href }: { href: string }) {
  const router = useRouter();
  return (
    <button type="button" className="button primary" onClick={() => router.push(href)} onPointerEnter={() => router.prefetch(href)}>
      Create API Access
    </button>
  );
}
