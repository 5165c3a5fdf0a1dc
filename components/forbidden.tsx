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

/** What a page shows when reading its subject failed: the not-found page, or the refusal. */
export function Refusal({ failure }: { failure: Failure }) {
  if (failure.code === 'NOT_FOUND') notFound();
  return <Forbidden message={failure.message} />;
}
