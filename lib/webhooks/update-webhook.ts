import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { findEndpointRow, toWebhook, webhookNotFound, webhookSnapshot } from './rows';
import { updateWebhookInput } from './schemas';

/** Edits an endpoint; disabling and enabling are edits of `enabled` (enabling clears why Keygate disabled it). */
export const updateWebhook = defineOperation({
  permission: 'updateWebhook',
  input: updateWebhookInput,
  async run(actor, { id, ...fields }) {
    return inTransaction(async (tx) => {
      const current = await findEndpointRow(tx, id, { forUpdate: true });
      if (!current) return webhookNotFound();
      const [row] = await tx
        .update(webhookEndpoints)
        .set({ ...fields, ...(fields.enabled ? { disabledReason: null } : {}), updatedAt: sql`now()` })
        .where(eq(webhookEndpoints.id, id))
        .returning();
      const before = toWebhook(current);
      const after = toWebhook(row!);
      await recordAudit(tx, actor, {
        action: 'webhook.update',
        targetId: id,
        targetName: after.url,
        before: webhookSnapshot(before),
        after: webhookSnapshot(after),
      });
      return success(after);
    });
  },
});
