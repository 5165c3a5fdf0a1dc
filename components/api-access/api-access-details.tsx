import Link from 'next/link';
import { isExpiringSoon } from '@/lib/api-access/expiry';
import type { ApiAccess } from '@/lib/api-access/types';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import { usageByDay } from '@/lib/api-access/usage-by-day';
import { typeLabel } from '@/lib/api-access/type-label';
import { describeRateLimit } from '@/lib/api-access/rate-limit-words';
import { WhenExactly } from '@/components/when';
import { AuditEntries } from '@/components/audit/audit-entries';
import { listAuditLog } from '@/lib/audit/queries';
import { paths } from '@/lib/paths';
import { listKeyNotices } from '@/lib/notifications/queries';
import { ExpiryNotices } from './expiry-notices';
import { UsageChart } from './usage-chart';

/** Every field of one API Access; used by the panel over the table and by the page of its own. */
export async function ApiAccessDetails({ item, headingId, actor }: { item: ApiAccess; headingId: string; actor: Actor }) {
  // The key's own history is the audit log's: shown to those who may read it.
  const [usage, notices, history] = await Promise.all([
    usageByDay(item.id),
    listKeyNotices(item.id, { showEmails: hasPermission(actor, 'getUser') }),
    listAuditLog({ actor, target: { type: 'apiAccess', id: item.id }, pageSize: 20 }),
  ]);
  return (
    <article className="details-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="details-title">
        {item.name}
      </h2>
      <dl className="details">
        <dt>Access ID</dt>
        <dd>
          <code>{item.id}</code>
        </dd>
        <dt>Description</dt>
        <dd>{item.description || <span className="muted">None</span>}</dd>
        <dt>Tags</dt>
        <dd>
          {item.tags.length ? (
            <ul className="tags">
              {item.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Type</dt>
        <dd>{typeLabel(item.type)}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`status status-${item.status.toLowerCase()}`}>{item.status}</span>
          {item.leakedAt && <span className="status status-leaked">Leaked</span>}
          {isExpiringSoon(item) && <span className="status status-expiring-soon">Expiring soon</span>}
        </dd>
        {item.leakedAt && (
          <>
            <dt>Reported leaked</dt>
            <dd>
              <WhenExactly at={item.leakedAt} /> by{' '}
              {item.leak?.source === 'github' ? 'GitHub secret scanning' : 'a report to the revoke API'}
              {item.leak?.url && (
                <>
                  {' '}
                  at{' '}
                  <a href={item.leak.url} rel="noreferrer noopener">
                    {item.leak.url}
                  </a>
                </>
              )}
              . <span className="muted">Disabled until regenerated.</span>
            </dd>
          </>
        )}
        <dt>Expiration Date</dt>
        <dd>
          <WhenExactly at={item.expiresAt} />
        </dd>
        <dt>Roles</dt>
        <dd>
          {item.roles.length ? (
            item.roles.map((role) => role.name).join(', ')
          ) : (
            <span className="muted">None (valid, but may do nothing on the platform)</span>
          )}
        </dd>
        <dt>Allowed IPs</dt>
        <dd>
          {item.allowedIps.length ? (
            <ul className="inline-list">
              {item.allowedIps.map((entry) => (
                <li key={entry}>
                  <code>{entry}</code>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">Any address</span>
          )}
        </dd>
        <dt>Rate limit</dt>
        <dd>{item.rateLimit ? describeRateLimit(item.rateLimit) : <span className="muted">None</span>}</dd>
        <dt>Created By</dt>
        <dd>
          {item.createdBy.name}{' '}
          <span className="muted">({item.createdBy.kind === 'user' ? 'user' : `API Access ${item.createdBy.id}`})</span>
        </dd>
        <dt>Created At</dt>
        <dd>
          <WhenExactly at={item.createdAt} />
        </dd>
        <dt>Last Used</dt>
        <dd>
          <WhenExactly at={item.lastUsedAt} />
        </dd>
        <dt>Token</dt>
        <dd>
          <code>{item.tokenStart}…</code> <span className="muted">(only the start is kept)</span>
        </dd>
        {item.previousTokenExpiresAt && (
          <>
            <dt>Previous token</dt>
            <dd>
              Keeps working until <WhenExactly at={item.previousTokenExpiresAt} /> <span className="muted">(rotation grace period)</span>
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby={`${headingId}-usage`}>
        <h3 id={`${headingId}-usage`}>Usage</h3>
        <UsageChart usage={usage} />
      </section>
      <ExpiryNotices notices={notices} headingId={`${headingId}-notices`} />
      {history.ok && (
        <section aria-labelledby={`${headingId}-history`}>
          <h3 id={`${headingId}-history`}>History</h3>
          <AuditEntries entries={history.data.entries} showTarget={false} />
          {history.data.nextBefore && (
            <p>
              <Link href={`${paths.auditLog}?${new URLSearchParams({ target: item.id, before: String(history.data.nextBefore) })}`}>
                Older entries
              </Link>
            </p>
          )}
        </section>
      )}
    </article>
  );
}
