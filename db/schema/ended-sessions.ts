import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sessions ended by signing out, by their id (the `sid` claim): a copy of the cookie, or one a
 * request in flight re-issued after the sign-out, is no one's. Kept until the session would have
 * ended anyway (its absolute lifetime), then deleted.
 */
export const endedSessions = pgTable(
  'ended_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('ended_sessions_expires_at_idx').on(table.expiresAt)],
);
