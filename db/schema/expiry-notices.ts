import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { NOTICE_THRESHOLDS } from '../../lib/notifications/thresholds';
import { apiAccess } from './api-access';
import { users } from './users';

/**
 * One notice per (API Access, expiration, threshold): the unique constraint is what makes
 * overlapping, repeated or retried runs harmless. A regeneration changes the expiration,
 * so it starts a new cycle; deleting the key deletes its notices.
 */
export const expiryNotices = pgTable(
  'expiry_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    apiAccessId: text('api_access_id')
      .notNull()
      .references(() => apiAccess.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    threshold: text('threshold', { enum: NOTICE_THRESHOLDS }).notNull(),
    /** pending: planned, not yet in an email; queued: in its recipients' emails; no_recipient; cancelled (key regenerated first). */
    status: text('status', { enum: ['pending', 'queued', 'no_recipient', 'cancelled'] })
      .notNull()
      .default('pending'),
    note: text('note'),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    unique('expiry_notices_once').on(table.apiAccessId, table.expiresAt, table.threshold),
    index('expiry_notices_pending_idx')
      .on(table.plannedAt)
      .where(sql`${table.status} = 'pending'`),
  ],
);

/** The outbox: one email per recipient and threshold (or per recipient and leaked key, or disabled webhook endpoint), its body rendered once and kept, so every retry is identical. */
export const notificationEmails = pgTable(
  'notification_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the email is about: an expiry notice (with its threshold), a leak report (SPEC §8) or a webhook endpoint its receiver disabled (§9); the last two are sent at once. */
    kind: text('kind', { enum: ['expiry', 'leak', 'webhook_disabled'] })
      .notNull()
      .default('expiry'),
    /** The expiry notice's threshold; null for the other kinds. */
    threshold: text('threshold', { enum: NOTICE_THRESHOLDS }),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    recipientEmail: text('recipient_email').notNull(),
    recipientName: text('recipient_name').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Derived from the recipient, threshold and notices: the same email always carries the same key. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** Set while one sender owns the email (database clock); another sender may take it once the lease has run out. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Names the current owner, so a sender whose lease ran out cannot overwrite the next one's outcome. */
    leaseId: uuid('lease_id'),
    /** A try went unanswered (timeout, connection lost): it may have arrived, so the email is never changed again, only resent. */
    mayHaveArrived: boolean('may_have_arrived').notNull().default(false),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('notification_emails_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
  ],
);

/** Which notices an email carries (a notice reaches several emails when it goes to every admin). */
export const expiryNoticeDeliveries = pgTable(
  'expiry_notice_deliveries',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => expiryNotices.id, { onDelete: 'cascade' }),
    emailId: uuid('email_id')
      .notNull()
      .references(() => notificationEmails.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.noticeId, table.emailId] }), index('expiry_notice_deliveries_email_idx').on(table.emailId)],
);

export type ExpiryNoticeRow = typeof expiryNotices.$inferSelect;
export type NotificationEmailRow = typeof notificationEmails.$inferSelect;
