import Link from 'next/link';
import type { Overview } from '@/lib/api-access/overview';
import { EXPIRING_SOON_DAYS } from '@/lib/api-access/expiry';
import type { ListFilters } from '@/lib/api-access/list-filters';
import { paths } from '@/lib/paths';
import { UsageChart } from './usage-chart';

const COUNTS: { key: 'active' | 'expiringSoon' | 'disabled' | 'expired'; label: string; status: NonNullable<ListFilters['status']> }[] = [
  { key: 'active', label: 'Active', status: 'Active' },
  { key: 'expiringSoon', label: `Expiring soon (${EXPIRING_SOON_DAYS} days)`, status: 'ExpiringSoon' },
  { key: 'disabled', label: 'Disabled', status: 'Disabled' },
  { key: 'expired', label: 'Expired', status: 'Expired' },
];

/** Above the table: how many keys are in each state (each a link to the table showing just those), and 30 days of use. */
export function ApiAccessOverview({ overview, current }: { overview: Overview; current?: ListFilters['status'] }) {
  return (
    <section className="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading" className="visually-hidden">
        Overview
      </h2>
      <ul className="overview-counts">
        {/* Disabled only when there are some: most organizations never disable a key. */}
        {COUNTS.filter(({ key }) => key !== 'disabled' || overview.disabled > 0).map(({ key, label, status }) => (
          <li key={key}>
            <Link
              href={`${paths.apiAccess.table}?status=${status}`}
              aria-current={current === status ? 'true' : undefined}
              className="overview-count"
            >
              <span className="overview-number">{overview[key].toLocaleString('en')}</span> <span>{label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <UsageChart usage={overview.usage} compact caption="verifications and API calls" none="No key was used in the last 30 days." />
    </section>
  );
}
