import 'server-only';
import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { findEndpointRow, toWebhook, webhookNotFound, webhookSnapshot } from './rows';
import { webhookIdInput } from './schemas';

/** Deletes an endpoint with its deliveries and their attempts (pending ones are never sent). */
export const deleteWebhook = defineOperation({
  permission: 'deleteWebhook',
  input: webhookIdInput,
  async run(actor, { id }) {
    return inTransaction(async (tx) => {
      const current = await findEndpointRow(tx, id, { forUpdate: true });
      if (!current) return webhookNotFound();
      await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      await recordAudit(tx, actor, {
        action: 'webhook.delete',
        targetId: id,
        targetName: current.url,
        before: webhookSnapshot(toWebhook(current)),
      });
      return success({ id });
    });
  },
});
