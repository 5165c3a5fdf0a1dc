import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { afterCommit, isUnitOfWork } from '@/lib/transaction';
import { ALL_EVENTS, type WebhookEventType } from './event-types';
import { wakeDeliveryWorkers } from './wake';

export type WebhookEvent = { type: WebhookEventType; data: Record<string, unknown> };

/** Standard Webhooks' payload: `{type, timestamp, data}`, serialized once so every try signs the same bytes. */
export const eventPayload = (type: string, data: Record<string, unknown>, at = new Date()) =>
  JSON.stringify({ type, timestamp: at.toISOString(), data });

/** The event's id, the `webhook-id` header: the same for every endpoint and every try of it. */
export const newWebhookId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * Puts events in the webhook outbox: one delivery per enabled endpoint subscribed to the type (or
 * to '*'). Called with the transaction of the change it reports, so the event exists exactly when
 * the change does (a rolled-back change raises nothing); called with the pool (a batched or
 * background write), it stands on its own. Returns how many deliveries were queued.
 *
 * @example
 * await raiseWebhookEvents(tx, [{ type: 'api_access.leaked', data }]);
 */
export async function raiseWebhookEvents(q: Queryable, events: WebhookEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const at = new Date();
  const ids = events.map(() => newWebhookId());
  const types = events.map((event) => event.type);
  const payloads = events.map((event) => eventPayload(event.type, event.data, at));
  const queued = await q.execute(sql`
    insert into ${webhookDeliveries} (endpoint_id, webhook_id, event_type, payload)
    select e.id, v.webhook_id, v.event_type, v.payload
    from unnest(${sql.param(ids)}::text[], ${sql.param(types)}::text[], ${sql.param(payloads)}::text[]) as v(webhook_id, event_type, payload)
    join ${webhookEndpoints} e on e.enabled and e.events && array[v.event_type, ${ALL_EVENTS}]::text[]
    returning 1`);
  if (queued.length) {
    if (isUnitOfWork(q)) afterCommit(q, wakeDeliveryWorkers);
    else wakeDeliveryWorkers();
  }
  return queued.length;
}

export const raiseWebhookEvent = (q: Queryable, type: WebhookEventType, data: Record<string, unknown>) =>
  raiseWebhookEvents(q, [{ type, data }]);
