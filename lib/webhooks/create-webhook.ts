import 'server-only';
import { randomUUID } from 'node:crypto';
import { webhookEndpoints } from '@/db/schema';
import { authorOf } from '@/lib/api-access/rules';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { toWebhook, webhookSnapshot } from './rows';
import { createWebhookInput } from './schemas';
import { generateWebhookSecret, sealSecret } from './secret-box';
import type { WebhookWithSecret } from './types';

export const createWebhook = defineOperation({
  permission: 'createWebhook',
  input: createWebhookInput,
  async run(actor, input) {
    const id = randomUUID();
    const secret = generateWebhookSecret();
    return inTransaction(async (tx) => {
      const [row] = await tx
        .insert(webhookEndpoints)
        .values({
          id,
          ...input,
          secretBox: sealSecret(id, secret),
          createdByKind: actor.kind,
          createdById: actor.id,
          createdByName: actor.name,
          authorUserId: await authorOf(tx, actor),
        })
        .returning();
      const webhook = toWebhook(row!);
      await recordAudit(tx, actor, { action: 'webhook.create', targetId: id, targetName: webhook.url, after: webhookSnapshot(webhook) });
      return success<WebhookWithSecret>({ webhook, secret });
    });
  },
});
