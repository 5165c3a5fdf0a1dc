import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A user's authenticator app (TOTP, RFC 6238): one per user. The row exists from the start of an
 * enrolment; two-factor is on once it is confirmed with a code (`confirmed_at`).
 */
export const totpAuthenticators = pgTable('totp_authenticators', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** AES-256-GCM, with a key derived from AUTH_SECRET (lib/two-factor/secret-box.ts): never stored in the clear. */
  secretEncrypted: text('secret_encrypted').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The 30-second step of the last code accepted: a code of that step or an earlier one is refused (replay). */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  /** The session that confirmed the enrolment has passed the second factor: it typed a code. */
  confirmedSessionId: text('confirmed_session_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
