import Link from 'next/link';
import { Forbidden } from '@/components/forbidden';
import { formatChange } from '@/lib/audit/format-change';
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
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">IP</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at.toISOString()}>{entry.at.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>
                </td>
                <td>
                  {entry.actorName} <span className="muted">({entry.actorKind === 'apiAccess' ? 'API Access' : entry.actorKind})</span>
                </td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>{entry.targetName}</td>
                <td>{entry.ip ?? '—'}</td>
                <td>
                  <dl className="changes">
                    {Object.keys({ ...entry.changes.before, ...entry.changes.after }).map((field) => (
                      <div key={field}>
                        <dt>{field}</dt>
                        <dd>
                          {entry.changes.before && field in entry.changes.before && <del>{formatChange(entry.changes.before[field])}</del>}{' '}
                          {entry.changes.after && field in entry.changes.after && <ins>{formatChange(entry.changes.after[field])}</ins>}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore && (
        <p>
          <Link href={`${paths.auditLog}?before=${nextBefore}`}>Older entries</Link>
        </p>
      )}
    </>
  );
}
