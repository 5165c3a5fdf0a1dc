import { z } from 'zod';
import { createWebhookInput, updateWebhookInput } from '@/lib/webhooks/schemas';
import { timestampSchema as timestamp } from './timestamp';

/** SPEC §9's REST shapes, beside lib/api/contract.ts (which re-exports them). */
export const WebhookSchema = z
  .strictObject({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.string()).describe('Event types, or ["*"] for every type'),
    enabled: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Webhook' });
export type WebhookJson = z.output<typeof WebhookSchema>;

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().describe('`whsec_` + base64 of 32 random bytes: shown once, on creation and rotation'),
}).meta({ id: 'WebhookWithSecret' });

export const WebhookListSchema = z.strictObject({ data: z.array(WebhookSchema) }).meta({ id: 'WebhookList' });

export const CreateWebhookBody = createWebhookInput.meta({ id: 'CreateWebhook' });
export const UpdateWebhookBody = updateWebhookInput.omit({ id: true }).meta({ id: 'UpdateWebhook' });

export const WebhookTestResultSchema = z
  .strictObject({ deliveryId: z.string(), webhookId: z.string().describe('The webhook-id header the receiver will see') })
  .meta({ id: 'WebhookTestResult' });

export const WebhookDeliverySchema = z
  .strictObject({
    id: z.string(),
    webhookId: z.string().describe('The webhook-id header: the same on every try'),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    createdAt: timestamp,
    deliveredAt: timestamp.nullable(),
    nextAttemptAt: timestamp.nullable().describe('While pending: when it is tried next'),
    lastError: z.string().nullable(),
    payload: z.string().describe('The exact body sent'),
    attempts: z.array(
      z.strictObject({
        at: timestamp,
        status: z.enum(['delivered', 'failed']),
        responseStatus: z.number().int().nullable(),
        durationMs: z.number().int(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryJson = z.output<typeof WebhookDeliverySchema>;

export const WebhookDeliveryPageSchema = z
  .strictObject({ data: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryPage' });

export const DeliveriesQuery = z.object({
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('1–100, default 50'),
});
