import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './timestamps';
import { users } from './users';

/**
 * SPEC §9's endpoints. The signing secret must be usable to sign, so it is kept encrypted
 * (AES-256-GCM under a key derived from AUTH_SECRET, lib/webhooks/secret-box.ts), never in clear;
 * after a rotation the previous one keeps signing until `previousSecretExpiresAt`.
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  /** Event types, or ['*'] for every type. */
  events: text('events').array().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  secretBox: text('secret_box').notNull(),
  previousSecretBox: text('previous_secret_box'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
  /** Why Keygate itself disabled it (the receiver answered 410), shown on its page. */
  disabledReason: text('disabled_reason'),
  createdByKind: text('created_by_kind', { enum: ['user', 'apiAccess'] }).notNull(),
  createdById: text('created_by_id').notNull(),
  createdByName: text('created_by_name').notNull(),
  /** The person told when the endpoint is disabled by its receiver (the creator, or the user behind the creating key). */
  authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
  ...timestamps,
});

/**
 * The webhook outbox: one row per (event, endpoint), written in the transaction of the change it
 * reports. `webhookId` is the event's id (the same for every endpoint and every retry, so a receiver
 * can drop duplicates); `payload` is the exact body, serialized once, so every try signs the same bytes.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    webhookId: text('webhook_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    /** pending: to be tried (again); delivered: a 2xx answered; failed: the schedule ran out, or the endpoint answered 410. */
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    /** Tries since it was (re)queued: where it stands in the retry schedule. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leaseId: uuid('lease_id'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('webhook_deliveries_once').on(table.endpointId, table.webhookId),
    index('webhook_deliveries_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(table.endpointId, table.createdAt),
    index('webhook_deliveries_created_idx').on(table.createdAt),
  ],
);

/** Every try of a delivery: what the receiver answered (or why nothing was), and how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['delivered', 'failed'] }).notNull(),
    responseStatus: integer('response_status'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
  },
  (table) => [index('webhook_attempts_delivery_idx').on(table.deliveryId, table.at)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
