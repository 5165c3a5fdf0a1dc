import Link from 'next/link';
import { paths } from '@/lib/paths';

export default function ApiAccessNotFound() {
  return (
    <section className="empty">
      <h1>API Access not found</h1>
      <p>No API Access has this Access ID. It may have been deleted, or the link is mistyped.</p>
      <p>
        <Link href={paths.apiAccess.table}>Back to API Access</Link>
      </p>
    </section>
  );
}
