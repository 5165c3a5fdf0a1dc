import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow } from '@/db/schema';
import { isDue, newLease } from '@/lib/outbox/claim';

/** Longer than a try may take (15 s): a lease runs out only when its worker is gone. */
export const DELIVERY_LEASE_SECONDS = 60;

/**
 * Takes up to `limit` due deliveries of enabled endpoints for this worker (FOR UPDATE SKIP LOCKED,
 * then a lease: each is sent by one worker across every instance), at most `perEndpoint` in flight
 * per endpoint counting `inFlight`, so a hanging receiver holds a few of the worker's slots, never all.
 * Each claim counts as a try.
 */
export async function claimDeliveries(
  q: Db,
  { limit, perEndpoint, inFlight }: { limit: number; perEndpoint: number; inFlight: ReadonlyMap<string, number> },
): Promise<WebhookDeliveryRow[]> {
  const full = [...inFlight].filter(([, count]) => count >= perEndpoint).map(([endpointId]) => endpointId);
  return q.transaction(async (tx) => {
    const candidates = await tx
      .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(
        and(
          isDue(webhookDeliveries, sql`now()`),
          eq(webhookEndpoints.enabled, true),
          full.length ? notInArray(webhookDeliveries.endpointId, full) : undefined,
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit * perEndpoint)
      .for('update', { of: webhookDeliveries, skipLocked: true });
    const taken = new Map(inFlight);
    const picked = candidates.filter(({ endpointId }) => {
      const count = taken.get(endpointId) ?? 0;
      if (count >= perEndpoint) return false;
      taken.set(endpointId, count + 1);
      return true;
    });
    const ids = picked.slice(0, limit).map(({ id }) => id);
    if (ids.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ ...newLease(DELIVERY_LEASE_SECONDS), attempts: sql`${webhookDeliveries.attempts} + 1` })
      .where(inArray(webhookDeliveries.id, ids))
      .returning();
  });
}
