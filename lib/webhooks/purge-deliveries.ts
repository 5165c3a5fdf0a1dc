import { and, lt, ne, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { webhookDeliveries } from '@/db/schema';

/** Settled deliveries (and their attempts) are kept 30 days for their endpoint's page; pending ones stay until settled. */
export const DELIVERY_RETENTION_DAYS = 30;

export async function purgeWebhookDeliveries(): Promise<number> {
  const purged = await db
    .delete(webhookDeliveries)
    .where(
      and(
        ne(webhookDeliveries.status, 'pending'),
        lt(webhookDeliveries.createdAt, sql`now() - make_interval(days => ${DELIVERY_RETENTION_DAYS})`),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return purged.length;
}
