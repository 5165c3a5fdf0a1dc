import Link from 'next/link';
import type { AuditLogRow } from '@/db/schema';
import { formatChange } from '@/lib/audit/format-change';
import { stillExisting, subjectKey } from '@/lib/audit/queries';
import { REFUSED_PREFIX } from '@/lib/audit/actions';
import { formatExactDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';
import { ScrollTable } from '@/components/scroll-table';

const KIND_LABELS: Record<string, string> = {
  apiAccess: 'API Access',
  user: 'user',
  role: 'role',
  system: 'system',
  anonymous: 'not signed in',
};

const detailPath = (kind: string, id: string): string | null =>
  kind === 'apiAccess'
    ? paths.apiAccess.detail(id)
    : kind === 'user'
      ? paths.users.detail(id)
      : kind === 'role'
        ? paths.roles.detail(id)
        : null;

/**
 * An actor or a target: a link to it while it exists, its recorded name and "deleted" once it is
 * gone. A refused request may have named something that never existed: its target is only named.
 */
function Subject({
  kind,
  id,
  name,
  existing,
  mayNeverHaveExisted = false,
}: {
  kind: string;
  id: string | null;
  name: string | null;
  existing: ReadonlySet<string>;
  mayNeverHaveExisted?: boolean;
}) {
  const label = name ?? id ?? '—';
  const href = id ? detailPath(kind, id) : null;
  if (!href || !id) return <>{label}</>;
  if (!existing.has(subjectKey(kind, id)) && mayNeverHaveExisted) return <>{label}</>;
  if (!existing.has(subjectKey(kind, id)))
    return (
      <>
        {label} <span className="muted">(deleted)</span>
      </>
    );
  return <Link href={href}>{label}</Link>;
}

/** The before/after of an entry, folded: the summary names the fields, opening it shows the values. */
function Changes({ changes }: { changes: AuditLogRow['changes'] }) {
  const fields = Object.keys({ ...changes.before, ...changes.after });
  if (fields.length === 0) return <span className="muted">—</span>;
  return (
    <details className="changes">
      <summary>{fields.join(', ')}</summary>
      <dl>
        {fields.map((field) => (
          <div key={field}>
            <dt>{field}</dt>
            <dd>
              {changes.before && field in changes.before && (
                <del>
                  <span className="visually-hidden">before: </span>
                  {formatChange(changes.before[field])}
                </del>
              )}{' '}
              {changes.after && field in changes.after && (
                <ins>
                  <span className="visually-hidden">after: </span>
                  {formatChange(changes.after[field])}
                </ins>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Audit entries as a table: when, who, what, on which target, from where (IP, user agent, request id), and the fields changed. */
export async function AuditEntries({ entries, showTarget = true }: { entries: AuditLogRow[]; showTarget?: boolean }) {
  const existing = await stillExisting(entries);
  return (
    <ScrollTable label="Audit entries">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          {showTarget && <th scope="col">Target</th>}
          <th scope="col">From</th>
          <th scope="col">Changes</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.at.toISOString()}>{formatExactDateTime(entry.at)}</time>
            </td>
            <td>
              <Subject kind={entry.actorKind} id={entry.actorId} name={entry.actorName} existing={existing} />{' '}
              <span className="muted">({KIND_LABELS[entry.actorKind] ?? entry.actorKind})</span>
            </td>
            <td>
              <code>{entry.action}</code>
            </td>
            {showTarget && (
              <td>
                <Subject
                  kind={entry.targetType}
                  id={entry.targetId}
                  name={entry.targetName}
                  existing={existing}
                  mayNeverHaveExisted={entry.action.startsWith(REFUSED_PREFIX)}
                />
              </td>
            )}
            <td>
              {entry.ip ?? '—'}
              {entry.userAgent && <div className="muted">{entry.userAgent}</div>}
              {entry.requestId && (
                <div className="muted">
                  Request id <code>{entry.requestId}</code>
                </div>
              )}
            </td>
            <td>
              <Changes changes={entry.changes} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
