import { isWebhookId } from '@/lib/webhooks/schemas';
import type { Webhook, WebhookDelivery } from '@/lib/webhooks/types';
import type { WebhookDeliveryJson, WebhookJson } from './webhook-contract';

export const webhookJson = (webhook: Webhook): WebhookJson => ({
  id: webhook.id,
  url: webhook.url,
  description: webhook.description,
  events: webhook.events,
  enabled: webhook.enabled,
  createdAt: webhook.createdAt.toISOString(),
  updatedAt: webhook.updatedAt.toISOString(),
});

export const webhookDeliveryJson = (delivery: WebhookDelivery): WebhookDeliveryJson => ({
  id: delivery.id,
  webhookId: delivery.webhookId,
  type: delivery.eventType,
  status: delivery.status,
  createdAt: delivery.createdAt.toISOString(),
  deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
  lastError: delivery.lastError,
  payload: delivery.payload,
  attempts: delivery.attempts.map(({ at, status, responseStatus, durationMs, error }) => ({
    at: at.toISOString(),
    status,
    responseStatus,
    durationMs,
    error,
  })),
});

/** A deliveries page's cursor: the last delivery's creation instant and id. */
export const deliveryCursor = (delivery: WebhookDelivery) =>
  Buffer.from(JSON.stringify([delivery.createdAt.toISOString(), delivery.id])).toString('base64url');

export function readDeliveryCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    return typeof id === 'string' && isWebhookId(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
  } catch {
    return null;
  }
}
