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
