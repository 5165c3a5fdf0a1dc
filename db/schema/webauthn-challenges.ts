import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The challenge of a passkey ceremony under way, kept here and never taken from the browser: one
 * per user, purpose and session (a new one in the same session replaces it; another tab or
 * another pending sign-in has its own), deleted when used, good for a few minutes.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['registration', 'authentication'] }).notNull(),
    /** The session (the JWT's `sid`) that asked for it: only that session's answer can spend it. */
    sessionId: text('session_id').notNull(),
    challenge: text('challenge').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.purpose, table.sessionId] })],
);
