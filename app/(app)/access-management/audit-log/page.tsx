import Link from 'next/link';
import { Forbidden } from '@/components/forbidden';
import { AuditEntries } from '@/components/audit/audit-entries';
import { listAuditLog } from '@/lib/audit/queries';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const user = await requireCurrentUser();
  const { before } = await searchParams;
  const cursor = Number(before);
  const result = await listAuditLog({ actor: user, before: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined });
  if (!result.ok) return <Forbidden message={result.message} />;
  const { entries, nextBefore } = result.data;
  return (
    <>
      <h1>Audit Log</h1>
      {entries.length === 0 ? (
        <section className="empty">
          <p>Nothing has changed yet.</p>
        </section>
      ) : (
        <AuditEntries entries={entries} />
      )}
      {nextBefore && (
        <p>
          <Link href={`${paths.auditLog}?before=${nextBefore}`}>Older entries</Link>
        </p>
      )}
    </>
  );
}
