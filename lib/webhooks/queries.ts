import 'server-only';
import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { db } from '@/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { success, type Result } from '@/lib/errors';
import { findEndpointRow, toWebhook, webhookNotFound } from './rows';
import type { Webhook, WebhookDelivery } from './types';

export async function listWebhooks({ actor }: { actor: Actor }): Promise<Result<Webhook[]>> {
  const denied = authorize(actor, 'getWebhook');
  if (denied) return denied;
  const rows = await db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return success(rows.map(toWebhook));
}

export async function getWebhook({ actor, id }: { actor: Actor; id: string }): Promise<Result<Webhook>> {
  const denied = authorize(actor, 'getWebhook');
  if (denied) return denied;
  const row = await findEndpointRow(db, id);
  return row ? success(toWebhook(row)) : webhookNotFound();
}

export const DELIVERIES_PAGE = 50;

/** The endpoint's latest deliveries, newest first, each with its attempts (oldest first); `before` pages on. */
export async function listWebhookDeliveries({
  actor,
  id,
  before,
  limit = DELIVERIES_PAGE,
}: {
  actor: Actor;
  id: string;
  before?: { createdAt: Date; id: string };
  limit?: number;
}): Promise<Result<WebhookDelivery[]>> {
  const denied = authorize(actor, 'getWebhook');
  if (denied) return denied;
  const endpoint = await findEndpointRow(db, id);
  if (!endpoint) return webhookNotFound();
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, id),
        before
          ? or(
              lt(webhookDeliveries.createdAt, before.createdAt),
              and(eq(webhookDeliveries.createdAt, before.createdAt), lt(webhookDeliveries.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(asc(webhookAttempts.at))
    : [];
  return success(
    rows.map((row) => ({
      id: row.id,
      webhookId: row.webhookId,
      eventType: row.eventType,
      status: row.status,
      createdAt: row.createdAt,
      deliveredAt: row.deliveredAt,
      nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
      lastError: row.lastError,
      payload: row.payload,
      attempts: attempts
        .filter((attempt) => attempt.deliveryId === row.id)
        .map(({ id, at, status, responseStatus, durationMs, error }) => ({ id, at, status, responseStatus, durationMs, error })),
    })),
  );
}
