import { beforeAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { RARE_TAG, seedDemo } from '@/db/seed/demo';
import { decodeCursor, encodeCursor, keysetQuery, type Position, type SortDirection, type SortField } from '@/lib/api-access/keyset';
import { filtersOf, type ListFilters } from '@/lib/api-access/list-filters';
import { listApiAccess } from '@/lib/api-access/queries';
import { countLimitFor, countQuery, listTagsQuery } from '@/lib/api-access/list-sql';
import { listParamsSchema } from '@/lib/api-access/table-params';
import { actorWith } from '../support/fixtures';
import { describeScans, scansOf } from '../support/query-plans';

const KEYS = 100_000;
let role: string;
let middle: { created: string; expiration: string; name: string };

beforeAll(async () => {
  // As the owner: the seed ends with VACUUM ANALYZE, which the app's own role may not run.
  await seedDemo(process.env.DATABASE_MIGRATION_URL!, { keys: KEYS });
  const sql = getSql();
  [{ id: role }] = (await sql`select id from roles where name = 'payments-maintainers'`) as unknown as [{ id: string }];
  // A row half-way through each order: the cursor of a page deep in the table.
  const [row] = await sql<{ id: string; created: string; expiration: string; name: string }[]>`
    select id, lower(name) as name,
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created,
      to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as expiration
    from api_access order by id offset ${KEYS / 2} limit 1`;
  middle = {
    created: encodeCursor(row!.created, row!.id),
    expiration: encodeCursor(row!.expiration, row!.id),
    name: encodeCursor(row!.name, row!.id),
  };
  // Cursors the table itself would accept: otherwise the "deep" plans below would be first pages.
  for (const sort of ['created', 'expiration', 'name'] as const) expect(decodeCursor(middle[sort], sort)).not.toBeNull();
}, 180_000);

const FILTERS: { name: string; filters: () => ListFilters }[] = [
  { name: 'no filter', filters: () => ({}) },
  { name: 'search', filters: () => ({ q: 'sync-prod-0004' }) },
  { name: 'search, common', filters: () => ({ q: 'payments' }) },
  { name: 'status Active', filters: () => ({ status: 'Active' }) },
  { name: 'status Expired', filters: () => ({ status: 'Expired' }) },
  { name: 'status Expiring soon', filters: () => ({ status: 'ExpiringSoon' }) },
  { name: 'tag', filters: () => ({ tag: 'pci' }) },
  { name: 'role', filters: () => ({ role }) },
  { name: 'everything at once', filters: () => ({ q: 'api', status: 'Active', tag: 'prod', role }) },
];
const SORTS: [SortField, SortDirection][] = [
  ['created', 'desc'],
  ['created', 'asc'],
  ['name', 'asc'],
  ['name', 'desc'],
  ['expiration', 'asc'],
  ['expiration', 'desc'],
];
const POSITIONS: { name: string; position: (sort: SortField) => Position }[] = [
  { name: 'first page', position: () => ({}) },
  { name: 'deep (after)', position: (sort) => ({ after: middle[sort] }) },
  { name: 'deep (before)', position: (sort) => ({ before: middle[sort] }) },
  { name: 'last page', position: () => ({ last: true }) },
];

// Neither the keys nor their role links may be read whole for one page of the table.
const BIG_TABLES = ['api_access', 'api_access_roles'];
async function expectIndexed(query: Parameters<typeof scansOf>[0]) {
  const scans = await scansOf(query);
  expect(
    scans.filter((scan) => scan.node === 'Seq Scan' && BIG_TABLES.includes(scan.relation ?? '')),
    describeScans(scans),
  ).toEqual([]);
  return scans;
}

describe(`the API Access table’s queries at ${KEYS.toLocaleString('en')} keys`, () => {
  for (const { name, filters } of FILTERS) {
    it(`${name}: every sort and position of the page, and the count, use indexes`, async () => {
      const where = filtersOf(filters());
      for (const [sort, dir] of SORTS) {
        for (const { position } of POSITIONS) await expectIndexed(keysetQuery(where, sort, dir, position(sort), 25));
      }
      await expectIndexed(countQuery(where, countLimitFor(filters())));
    });
  }

  it('counts exactly up to 1,000 (a search up to 100) and says there are more beyond', async () => {
    const reader = actorWith('listApiAccess');
    const page = async (raw: Record<string, string>) => {
      const result = await listApiAccess({ actor: reader, params: listParamsSchema.parse(raw) });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    };
    expect(await page({})).toMatchObject({ total: 1000, totalCapped: true });
    const [{ n }] = (await getSql()`select count(*)::int as n from api_access where name ilike '%sync-prod-0004%'`) as unknown as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(100);
    expect(await page({ q: 'sync-prod-0004' })).toMatchObject({ total: n, totalCapped: false, countLimit: 100 });
    // A broad search stops counting at 100: the table says "100+".
    expect(await page({ q: 'sync-prod' })).toMatchObject({ total: 100, totalCapped: true, countLimit: 100 });
    expect(await page({ status: 'Active' })).toMatchObject({ total: 1000, totalCapped: true, countLimit: 1000 });
  });

  it('search by any part of the name uses the trigram index', async () => {
    const scans = await expectIndexed(keysetQuery(filtersOf({ q: 'sync-prod-0004' }), 'created', 'desc', {}, 25));
    expect(
      scans.map((scan) => scan.index),
      describeScans(scans),
    ).toContain('api_access_name_trgm_idx');
  });

  // A tag on a few percent of the keys (like 'pci') may be counted along created_at or through
  // the tags' index, whichever PostgreSQL's sample makes cheaper; a rare one has one good plan.
  it('a rare tag uses the tags’ GIN index', async () => {
    const [{ n }] = (await getSql()`select count(*)::int as n from api_access where ${RARE_TAG} = any(tags)`) as unknown as [{ n: number }];
    expect(n).toBe(KEYS / 1000);
    const scans = await expectIndexed(countQuery(filtersOf({ tag: RARE_TAG }), countLimitFor({ tag: RARE_TAG })));
    expect(
      scans.map((scan) => scan.index),
      describeScans(scans),
    ).toContain('api_access_tags_idx');
  });

  it('the demo’s usage shows in the overview’s daily totals', async () => {
    const sql = getSql();
    const [totals] = await sql`select coalesce(sum(count), 0)::int as n from api_access_usage_totals`;
    const [perKey] = await sql`select coalesce(sum(count), 0)::int as n from api_access_usage`;
    expect(perKey!.n).toBeGreaterThan(0);
    expect(totals!.n).toBe(perKey!.n);
  });

  it('the demo’s creation entries are in the audit log in the order of their times (the log lists them by id)', async () => {
    const sql = getSql();
    const [entries] = await sql`
      select count(*)::int as n,
        count(*) filter (where at < lag_at)::int as out_of_order
      from (select at, lag(at) over (order by id) as lag_at from audit_logs where action = 'apiAccess.create') e`;
    expect(entries!.n).toBe(KEYS);
    expect(entries!.out_of_order).toBe(0);
  });

  it('the Tag filter’s list reads the tag counts, not the keys', async () => {
    const scans = await scansOf(listTagsQuery());
    expect(new Set(scans.map((scan) => scan.relation)), describeScans(scans)).toEqual(new Set(['api_access_tag_counts']));
    const sql = getSql();
    const counted = await sql`select tag, keys from api_access_tag_counts where keys > 0 order by tag`;
    const actual = await sql`select tag, count(*)::int as keys from api_access, unnest(tags) as tag group by tag order by tag`;
    expect(counted).toEqual(actual);
  });
});
