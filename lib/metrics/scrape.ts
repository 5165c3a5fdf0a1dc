import { count, eq } from 'drizzle-orm';
import { db, getSql } from '@/db/client';
import { notificationEmails, webhookDeliveries } from '@/db/schema';
import { log } from '@/lib/log/logger';
import { settings } from '@/lib/settings';
import { poolApplicationName, type PoolName } from './pool-names';
import type { Metrics } from './registry';

const POOLS: PoolName[] = ['main', 'token_lookup'];

/** The gauges that are read from the database, refreshed for this scrape. */
async function refreshDatabaseGauges(metrics: Metrics): Promise<void> {
  const [emails] = await db.select({ pending: count() }).from(notificationEmails).where(eq(notificationEmails.status, 'pending'));
  metrics.outboxPending.set({ kind: 'email' }, emails?.pending ?? 0);
  const [deliveries] = await db.select({ pending: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
  metrics.outboxPending.set({ kind: 'webhook' }, deliveries?.pending ?? 0);

  const names = new Map(POOLS.map((pool) => [poolApplicationName(pool), pool]));
  const rows = await getSql()<{ name: string; state: string; connections: number }[]>`
    select application_name as name, coalesce(state, 'unknown') as state, count(*)::int as connections
    from pg_stat_activity where application_name in ${getSql()([...names.keys()])} group by 1, 2`;
  metrics.poolConnections.reset();
  for (const row of rows) metrics.poolConnections.set({ pool: names.get(row.name)!, state: row.state }, row.connections);
}

/** The Prometheus text of this process's metrics. A database that does not answer leaves its gauges as they were. */
export async function scrapeMetrics(metrics: Metrics): Promise<{ contentType: string; body: string }> {
  const { DATABASE_POOL_SIZE, KEYGATE_TOKEN_LOOKUP_POOL_SIZE } = settings();
  metrics.poolMax.set({ pool: 'main' }, DATABASE_POOL_SIZE);
  metrics.poolMax.set({ pool: 'token_lookup' }, KEYGATE_TOKEN_LOOKUP_POOL_SIZE);
  await refreshDatabaseGauges(metrics).catch((err) => log().warn({ err }, 'Metrics: the database gauges could not be read'));
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
