import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per failed sign-in; counted in a sliding window to throttle guessing. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('sign_in_failures_ip_email_idx').on(table.ip, table.email, table.at),
    index('sign_in_failures_ip_idx').on(table.ip, table.at),
    // Finds the rows old enough to delete without scanning the table.
    index('sign_in_failures_at_idx').on(table.at),
  ],
);
