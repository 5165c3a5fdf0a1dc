import Link from 'next/link';
import { AuditEntries } from '@/components/audit/audit-entries';
import { Forbidden } from '@/components/forbidden';
import { auditFiltersSchema, type AuditFilters } from '@/lib/audit/filters';
import { listAuditLog } from '@/lib/audit/queries';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';

const FIELDS = ['actor', 'action', 'target', 'from', 'to'] as const;

/** The filters as they sit in the URL; a value that does not parse is left out rather than refused. */
function filtersFrom(params: Record<string, string | undefined>): AuditFilters {
  const filters: Record<string, string> = {};
  for (const field of FIELDS) {
    const parsed = auditFiltersSchema.shape[field].safeParse(params[field] || undefined);
    if (parsed.success && parsed.data) filters[field] = parsed.data;
  }
  return filters;
}

const hrefWith = (filters: AuditFilters, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams({ ...(filters as Record<string, string>), ...extra }).toString();
  return query ? `${paths.auditLog}?${query}` : paths.auditLog;
};

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireCurrentUser();
  const params = await searchParams;
  const filters = filtersFrom(params);
  const cursor = Number(params.before);
  const result = await listAuditLog({ actor: user, filters, before: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined });
  if (!result.ok) return <Forbidden message={result.message} />;
  const { entries, nextBefore } = result.data;
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <h1>Audit Log</h1>
      <form method="get" action={paths.auditLog} className="filters" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-actor">Actor</label>
          <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ''} placeholder="Name or id" />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" name="action" defaultValue={filters.action ?? ''} placeholder="e.g. apiAccess.delete" />
        </div>
        <div className="field">
          <label htmlFor="audit-target">Target</label>
          <input id="audit-target" name="target" defaultValue={filters.target ?? ''} placeholder="Name or id" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from?.slice(0, 10) ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">Until</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to?.slice(0, 10) ?? ''} />
        </div>
        <button type="submit" className="button primary">
          Apply filters
        </button>
        {filtered && (
          <Link href={paths.auditLog} className="button">
            Clear filters
          </Link>
        )}
        <a href={`${paths.auditLog}/export${hrefWith(filters).slice(paths.auditLog.length)}`} className="button" download>
          Export CSV
        </a>
      </form>
      {entries.length === 0 ? (
        <section className="empty">
          <p>{filtered ? 'No entry matches these filters.' : 'Nothing has changed yet.'}</p>
        </section>
      ) : (
        <AuditEntries entries={entries} />
      )}
      {nextBefore && (
        <p>
          <Link href={hrefWith(filters, { before: String(nextBefore) })}>Older entries</Link>
        </p>
      )}
    </>
  );
}
