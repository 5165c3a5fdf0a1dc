import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { findEndpointRow, toWebhook, webhookNotFound } from './rows';
import { webhookIdInput } from './schemas';
import { generateWebhookSecret, sealSecret } from './secret-box';
import type { WebhookWithSecret } from './types';

/** How long the replaced secret keeps signing beside the new one (SPEC §9). */
export const PREVIOUS_SECRET_HOURS = 24;

/**
 * A new secret; the one it replaces keeps signing for 24 hours so receivers can switch without
 * losing events. A second rotation within those hours replaces the previous secret too: only the
 * secret current until now is kept.
 */
export const rotateWebhookSecret = defineOperation({
  permission: 'updateWebhook',
  input: webhookIdInput,
  async run(actor, { id }) {
    const secret = generateWebhookSecret();
    return inTransaction(async (tx) => {
      const current = await findEndpointRow(tx, id, { forUpdate: true });
      if (!current) return webhookNotFound();
      const [row] = await tx
        .update(webhookEndpoints)
        .set({
          secretBox: sealSecret(id, secret),
          previousSecretBox: current.secretBox,
          previousSecretExpiresAt: sql`now() + make_interval(hours => ${PREVIOUS_SECRET_HOURS})`,
          updatedAt: sql`now()`,
        })
        .where(eq(webhookEndpoints.id, id))
        .returning();
      const webhook = toWebhook(row!);
      await recordAudit(tx, actor, {
        action: 'webhook.rotateSecret',
        targetId: id,
        targetName: webhook.url,
        before: { secretRotated: false },
        after: { secretRotated: true, previousSecretSignsUntil: row!.previousSecretExpiresAt?.toISOString() },
      });
      return success<WebhookWithSecret>({ webhook, secret });
    });
  },
});
