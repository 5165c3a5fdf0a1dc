import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { webhookDeliveries } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { RELEASED } from '@/lib/outbox/claim';
import { afterCommit, inTransaction } from '@/lib/transaction';
import { findEndpointRow, webhookNotFound } from './rows';
import { isWebhookId, resendDeliveryInput } from './schemas';
import { wakeDeliveryWorkers } from './wake';

/**
 * Sends a delivered or failed delivery again, as it was (same webhook-id and body, so a receiver
 * that kept it recognises it), starting the retry schedule over.
 */
export const resendDelivery = defineOperation({
  permission: 'updateWebhook',
  input: resendDeliveryInput,
  async run(actor, { id, deliveryId }) {
    return inTransaction(async (tx) => {
      const endpoint = await findEndpointRow(tx, id);
      if (!endpoint) return webhookNotFound();
      const notFound = failure('NOT_FOUND', 'This delivery does not exist.');
      if (!isWebhookId(deliveryId)) return notFound;
      const [delivery] = await tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, id)))
        .for('update');
      if (!delivery) return notFound;
      if (delivery.status === 'pending') return failure('CONFLICT', 'This delivery is already waiting to be sent.');
      if (!endpoint.enabled) return failure('CONFLICT', 'This endpoint is disabled: enable it to resend a delivery.');
      await tx
        .update(webhookDeliveries)
        .set({ ...RELEASED, status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lastError: null, deliveredAt: null })
        .where(eq(webhookDeliveries.id, deliveryId));
      await recordAudit(tx, actor, {
        action: 'webhook.resend',
        targetId: id,
        targetName: endpoint.url,
        after: { deliveryId, webhookId: delivery.webhookId, eventType: delivery.eventType },
      });
      afterCommit(tx, wakeDeliveryWorkers);
      return success({ deliveryId });
    });
  },
});
