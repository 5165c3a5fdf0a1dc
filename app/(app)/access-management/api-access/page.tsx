import Link from 'next/link';
import { isExpiringSoon } from '@/lib/api-access/expiry';
import { ApiAccessTable, type SortHeader } from '@/components/api-access/api-access-table';
import { TableToolbar } from '@/components/api-access/table-toolbar';
import { FindByToken } from '@/components/api-access/find-by-token';
import { findApiAccessByTokenAction } from '@/lib/api-access/actions';
import { ApiAccessOverview } from '@/components/api-access/overview';
import { getOverview } from '@/lib/api-access/overview';
import { CreateApiAccessButton } from '@/components/api-access/create-button';
import { Forbidden } from '@/components/forbidden';
import { SavedBanner } from '@/components/saved-banner';
import { listApiAccess, listTags } from '@/lib/api-access/queries';
import { PAGE_SIZES, listParamsSchema, type ListParams } from '@/lib/api-access/table-params';
import { tableHref } from '@/lib/api-access/table-url';
import { paths } from '@/lib/paths';
import { hasPermission } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { formatExactDateTime, formatRelative } from '@/lib/format';
import { typeLabel } from '@/lib/api-access/type-label';
import { listRoles } from '@/lib/roles/queries';
import { dataOr } from '@/lib/errors';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function sortHeader(params: ListParams, label: string, field?: ListParams['sort']): SortHeader {
  if (!field) return { label };
  const active = params.sort === field;
  const nextDir = active && params.dir === 'asc' ? 'desc' : 'asc';
  return {
    label,
    href: tableHref(params, { sort: field, dir: nextDir }),
    ariaSort: active ? (params.dir === 'asc' ? 'ascending' : 'descending') : 'none',
  };
}

export default async function ApiAccessPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireCurrentUser();
  const raw = await searchParams;
  const params = listParamsSchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, first(value)])));
  const header = (
    <div className="page-header">
      <h1>API Access</h1>
      {hasPermission(user, 'createApiAccess') && <CreateApiAccessButton href={paths.apiAccess.create} />}
    </div>
  );
  const [result, overview] = await Promise.all([listApiAccess({ actor: user, params }), getOverview({ actor: user })]);
  // Someone who may only create keys still gets the Create button, in place of the table a refusal.
  if (!result.ok) {
    if (!hasPermission(user, 'createApiAccess')) return <Forbidden message={result.message} />;
    return (
      <>
        {header}
        <p className="banner banner-warning">{result.message} You can create API Access, but not list it.</p>
      </>
    );
  }
  const { items, total, totalCapped, countLimit, previous, next, anyKeys } = result.data;
  // The Role filter needs getRole; refused reads leave their filter out.
  const [roles, tags] = await Promise.all([
    listRoles({ actor: user }).then((r) => dataOr(r, null)),
    listTags({ actor: user }).then((r) => dataOr(r, [])),
  ]);
  const now = new Date();

  return (
    <>
      {header}
      <SavedBanner saved={first(raw.saved)} noun="API Access" />
      {anyKeys && overview.ok && <ApiAccessOverview overview={overview.data} current={params.status} />}
      <TableToolbar params={params} roles={roles} tags={tags} path={paths.apiAccess.table} />
      {hasPermission(user, 'getApiAccess') && <FindByToken action={findApiAccessByTokenAction} />}
      <ApiAccessTable
        emptyState={
          <section className="empty">
            {!anyKeys ? (
              <>
                <h2>No API Access yet</h2>
                <p>Create an API key for a service or a pipeline; its token is shown once.</p>
              </>
            ) : total === 0 ? (
              <>
                <h2>No API Access matches</h2>
                <p>
                  Nothing matches this search and these filters.{' '}
                  <Link href={tableHref(params, { q: '', status: undefined, role: undefined, tag: undefined })}>
                    Clear search and filters
                  </Link>
                </p>
              </>
            ) : (
              <>
                <h2>Nothing on this page</h2>
                <p>
                  <Link href={tableHref(params)}>Go to the first page</Link>
                </p>
              </>
            )}
          </section>
        }
        rows={items.map((item) => ({
          id: item.id,
          name: item.name,
          description: item.description,
          tags: item.tags,
          type: typeLabel(item.type),
          status: item.status,
          enabled: item.enabled,
          leaked: item.leakedAt !== null,
          expiringSoon: isExpiringSoon(item, now),
          expiresAt: item.expiresAt.toISOString(),
          expiresAtLabel: formatRelative(item.expiresAt, now),
          expiresAtExact: formatExactDateTime(item.expiresAt),
          lastUsedAt: item.lastUsedAt?.toISOString() ?? null,
          lastUsedLabel: formatRelative(item.lastUsedAt, now),
          lastUsedExact: item.lastUsedAt ? formatExactDateTime(item.lastUsedAt) : null,
        }))}
        headers={[
          sortHeader(params, 'Access Name', 'name'),
          sortHeader(params, 'Access ID'),
          sortHeader(params, 'Description'),
          sortHeader(params, 'Tags'),
          sortHeader(params, 'Type'),
          sortHeader(params, 'Expiration Date', 'expiration'),
          sortHeader(params, 'Status'),
          sortHeader(params, 'Last Used'),
        ]}
        can={{
          get: hasPermission(user, 'getApiAccess'),
          update: hasPermission(user, 'updateApiAccess'),
          regenerate: hasPermission(user, 'regenerateApiAccess'),
          delete: hasPermission(user, 'deleteApiAccess'),
        }}
      />
      <nav className="pagination" aria-label="Pagination">
        <span>
          Showing {items.length.toLocaleString('en')} of {totalCapped ? `${countLimit.toLocaleString('en')}+` : total.toLocaleString('en')}
        </span>
        {previous ? <Link href={tableHref(params)}>First</Link> : <span className="muted">First</span>}
        {previous ? <Link href={tableHref(params, { before: previous })}>Previous</Link> : <span className="muted">Previous</span>}
        {next ? <Link href={tableHref(params, { after: next })}>Next</Link> : <span className="muted">Next</span>}
        {next ? <Link href={tableHref(params, { last: '1' })}>Last</Link> : <span className="muted">Last</span>}
        <span className="page-sizes">
          Rows per page:{' '}
          {PAGE_SIZES.map((size) =>
            size === params.size ? (
              <strong key={size} aria-current="true">
                {size}
              </strong>
            ) : (
              <Link key={size} href={tableHref(params, { size })} aria-label={`${size} rows per page`}>
                {size}
              </Link>
            ),
          )}
        </span>
        <span className="sort-options">
          Sort by created:{' '}
          <Link
            href={tableHref(params, { sort: 'created', dir: 'desc' })}
            aria-current={params.sort === 'created' && params.dir === 'desc' ? 'true' : undefined}
          >
            newest
          </Link>{' '}
          /{' '}
          <Link
            href={tableHref(params, { sort: 'created', dir: 'asc' })}
            aria-current={params.sort === 'created' && params.dir === 'asc' ? 'true' : undefined}
          >
            oldest
          </Link>
        </span>
      </nav>
    </>
  );
}
