import 'server-only';
import { webhookDeliveries } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { afterCommit, inTransaction } from '@/lib/transaction';
import { eventActor } from './api-access-events';
import { TEST_EVENT_TYPE } from './event-types';
import { eventPayload, newWebhookId } from './raise-event';
import { findEndpointRow, webhookNotFound } from './rows';
import { webhookIdInput } from './schemas';
import { wakeDeliveryWorkers } from './wake';

/**
 * Queues a `webhook.test` event for this one endpoint, whatever it subscribes to, signed and retried
 * like any other (docs/decisions.md): its data names the endpoint and who asked, no key.
 */
export const sendTestEvent = defineOperation({
  permission: 'updateWebhook',
  input: webhookIdInput,
  async run(actor, { id }) {
    return inTransaction(async (tx) => {
      const endpoint = await findEndpointRow(tx, id, { forUpdate: true });
      if (!endpoint) return webhookNotFound();
      if (!endpoint.enabled) return failure('CONFLICT', 'This endpoint is disabled: enable it to send it a test event.');
      const webhookId = newWebhookId();
      const data = { webhook: { id: endpoint.id, url: endpoint.url }, actor: eventActor(actor), message: 'A test event from Keygate.' };
      const [delivery] = await tx
        .insert(webhookDeliveries)
        .values({ endpointId: id, webhookId, eventType: TEST_EVENT_TYPE, payload: eventPayload(TEST_EVENT_TYPE, data) })
        .returning({ id: webhookDeliveries.id });
      await recordAudit(tx, actor, { action: 'webhook.test', targetId: id, targetName: endpoint.url, after: { webhookId } });
      afterCommit(tx, wakeDeliveryWorkers);
      return success({ deliveryId: delivery!.id, webhookId });
    });
  },
});
