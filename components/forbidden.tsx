import { notFound } from 'next/navigation';
import type { Failure } from '@/lib/errors';

/** Shown in place of a page the signed-in user may not open. */
export function Forbidden({ message }: { message: string }) {
  return (
    <section className="empty" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not allowed</h1>
      <p>{message}</p>
    </section>
  );
}

/**
 * What a page shows when reading its subject failed: the not-found page, or the refusal. In a
 * panel over another page (`inline`), a missing subject is said in place instead.
 */
export function Refusal({ failure, inline = false }: { failure: Failure; inline?: boolean }) {
  if (failure.code !== 'NOT_FOUND') return <Forbidden message={failure.message} />;
  if (!inline) notFound();
  return (
    <section className="empty" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>{failure.message}</p>
    </section>
  );
}
