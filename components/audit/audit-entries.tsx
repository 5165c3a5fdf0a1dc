import type { AuditLogRow } from '@/db/schema';
import { formatChange } from '@/lib/audit/format-change';
import { formatExactDateTime } from '@/lib/format';

/** Audit entries as a table: when, who, what, on which target, from where, and the fields changed. */
export function AuditEntries({ entries, showTarget = true }: { entries: AuditLogRow[]; showTarget?: boolean }) {
  return (
    <table className="table">
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
              {entry.actorName} <span className="muted">({entry.actorKind === 'apiAccess' ? 'API Access' : entry.actorKind})</span>
            </td>
            <td>
              <code>{entry.action}</code>
            </td>
            {showTarget && <td>{entry.targetName}</td>}
            <td>
              {entry.ip ?? '—'}
              {entry.userAgent && <div className="muted">{entry.userAgent}</div>}
            </td>
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
  );
}
