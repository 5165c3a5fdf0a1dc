import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Not found · Keygate' };

/**
 * Any address nothing lives at. Rendered per request (connection()), so Next puts the response's
 * CSP nonce on its scripts: the default page is prerendered without one, and its inline styles
 * break the policy too.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="login">
      <section className="empty">
        <h1>Page not found</h1>
        <p>Nothing lives at this address. The link may be mistyped or out of date.</p>
        <p>
          <Link href="/">Back to Keygate</Link>
        </p>
      </section>
    </main>
  );
}
