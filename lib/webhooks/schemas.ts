import { z } from 'zod';
import { settings } from '@/lib/settings';
import { urlRefusal } from './address-rules';
import { subscriptionSchema } from './event-types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Any other form names no endpoint (404, as an unknown one), and never reaches SQL. */
export const isWebhookId = (value: string) => UUID.test(value);

const urlField = z
  .string({ error: 'Enter the URL to deliver to.' })
  .trim()
  .min(1, 'Enter the URL to deliver to.')
  .max(2048, 'The URL is at most 2,048 characters.')
  .superRefine((url, context) => {
    const refused = urlRefusal(url, settings().KEYGATE_WEBHOOK_ALLOW_PRIVATE === '1');
    if (refused) context.addIssue({ code: 'custom', message: refused });
  });
const descriptionField = z.string().trim().max(1000, 'The description is at most 1,000 characters.');

export const createWebhookInput = z.strictObject({
  url: urlField,
  description: descriptionField.default(''),
  events: subscriptionSchema,
  enabled: z.boolean().default(true),
});

export const updateWebhookInput = z.strictObject({
  id: z.string(),
  url: urlField.optional(),
  description: descriptionField.optional(),
  events: subscriptionSchema.optional(),
  enabled: z.boolean().optional(),
});

export const webhookIdInput = z.strictObject({ id: z.string() });
export const resendDeliveryInput = z.strictObject({ id: z.string(), deliveryId: z.string() });
