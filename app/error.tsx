'use client';

import { useEffect } from 'react';

/**
 * What a page shows when it could not be built on the server, typically while the database
 * cannot be reached. Nothing about the cause reaches the browser (only Next's digest, logged
 * with the error on the server); trying again works as soon as the database is back.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = 'Unavailable · Keygate';
  }, []);
  return (
    <main className="login">
      <section className="empty" aria-labelledby="error-title">
        <h1 id="error-title">Keygate is unavailable right now</h1>
        <p>
          This page could not be loaded. If Keygate’s database is being restarted, it will be back in a moment; nothing you saved is lost.
        </p>
        {error.digest && <p className="muted">Reference: {error.digest}</p>}
        <button type="button" className="button primary" onClick={() => reset()}>
          Try again
        </button>
      </section>
    </main>
  );
}
