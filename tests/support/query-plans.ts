import { getSql } from '@/db/client';
import { asOwner } from './as-owner';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
export type Scan = { node: string; relation?: string; index?: string };

/** Every scan of the plan PostgreSQL chooses for this query (drizzle builder), as it would run it. */
export async function scansOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<Scan[]> {
  const { sql, params } = query.toSQL();
  const [row] = await getSql().unsafe(`explain (format json) ${sql}`, params as never[]);
  const scans: Scan[] = [];
  const walk = (node: PlanNode) => {
    if (/Scan/.test(node['Node Type'])) scans.push({ node: node['Node Type'], relation: node['Relation Name'], index: node['Index Name'] });
    node.Plans?.forEach(walk);
  };
  walk((row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
  return scans;
}

/** A plan in one line, for a failure message. */
export const describeScans = (scans: Scan[]) =>
  scans.map((scan) => `${scan.node}${scan.index ? ` using ${scan.index}` : ''}${scan.relation ? ` on ${scan.relation}` : ''}`).join('; ');

/**
 * Fills a table fast: its secondary indexes are dropped, the rows inserted, and the same indexes
 * made again from their own definitions (pg_indexes), so what the test plans against is exactly
 * what the migrations created. Then ANALYZE, as autovacuum would in production. As the owner of
 * the table: the app's own role may do none of that.
 */
export async function bulkFill(table: string, insertSql: string): Promise<void> {
  await asOwner(async (sql) => {
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select i.indexname, i.indexdef from pg_indexes i
      where i.tablename = ${table} and i.schemaname = 'public'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
    for (const { indexname } of indexes) await sql.unsafe(`drop index "${indexname}"`);
    await sql.unsafe(insertSql);
    for (const { indexdef } of indexes) await sql.unsafe(indexdef);
    await sql.unsafe(`analyze ${table}`);
  });
}

/**
 * The first of these search terms that no value in ANALYZE's statistics for the column contains
 * (its most common values and histogram bounds). A term the sample happened to draw is estimated
 * at a whole histogram bucket (1 % of the table at the default statistics target), and PostgreSQL
 * then rightly expects walking the newest entries to find a page sooner than any index: what a
 * plan test can hold is the plan for a term the sample did not see.
 */
export async function termUnseenByAnalyze(table: string, column: string, terms: string[]): Promise<string> {
  const [stats] = await getSql()<{ values: string[] | null }[]>`
    select array_cat(most_common_vals::text::text[], histogram_bounds::text::text[]) as values
    from pg_stats where schemaname = 'public' and tablename = ${table} and attname = ${column}`;
  const seen = (stats?.values ?? []).map((value) => value.toLowerCase());
  const term = terms.find((candidate) => !seen.some((value) => value.includes(candidate.toLowerCase())));
  if (!term) throw new Error(`ANALYZE's sample of ${table}.${column} holds every one of ${terms.join(', ')}`);
  return term;
}
