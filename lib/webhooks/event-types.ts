import { z } from 'zod';

/** SPEC §9's event types: the names are a contract with receivers. */
export const WEBHOOK_EVENT_TYPES = [
  'api_access.created',
  'api_access.updated',
  'api_access.regenerated',
  'api_access.disabled',
  'api_access.enabled',
  'api_access.deleted',
  'api_access.leaked',
  'api_access.expiring',
  'api_access.expired',
  'api_access.retired_token_used',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What "Send test event" sends: to the one endpoint asked, whatever it subscribes to (docs/decisions.md). */
export const TEST_EVENT_TYPE = 'webhook.test';

/** An endpoint's subscription: some event types, or ['*'] for every type (today's and those added later). */
export const ALL_EVENTS = '*';
export const subscriptionSchema = z
  .array(z.enum([ALL_EVENTS, ...WEBHOOK_EVENT_TYPES], { error: `Each event is “*” or one of ${WEBHOOK_EVENT_TYPES.join(', ')}.` }))
  .min(1, 'Choose at least one event, or “*” for every event.')
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .transform((events) => (events.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(events)]));
