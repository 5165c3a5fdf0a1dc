import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { webhookEndpoints, type WebhookEndpointRow } from '@/db/schema';
import { failure } from '@/lib/errors';
import { isWebhookId } from './schemas';
import type { Webhook } from './types';

export const toWebhook = (row: WebhookEndpointRow): Webhook => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events,
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const webhookNotFound = () => failure('NOT_FOUND', 'This webhook endpoint does not exist.');

/** The endpoint's row, locked for a change when `forUpdate`; undefined for an unknown or malformed id. */
export async function findEndpointRow(q: Queryable, id: string, { forUpdate = false } = {}): Promise<WebhookEndpointRow | undefined> {
  if (!isWebhookId(id)) return undefined;
  const query = q.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** What the audit log keeps of an endpoint: never a secret. */
export const webhookSnapshot = (webhook: Webhook) => ({
  url: webhook.url,
  description: webhook.description,
  events: webhook.events,
  enabled: webhook.enabled,
});
