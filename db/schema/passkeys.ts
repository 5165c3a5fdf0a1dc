import { bigint, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A user's passkeys (WebAuthn credentials), a second factor beside the authenticator app: several
 * per user, each named by its owner. Only the public key is kept; the private key never leaves
 * the authenticator.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The credential's id as the browser reports it (base64url): unique across all users. */
    credentialId: text('credential_id').notNull().unique(),
    /** The COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter: a later assertion must raise it (a cloned authenticator does not). 0 when it keeps none. */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default([]),
    /** Synced by its provider (iCloud Keychain, Google Password Manager) rather than bound to one device. */
    backedUp: boolean('backed_up').notNull().default(false),
    /** The session that registered it used it then: if it was the user's first second factor, that session goes on. */
    createdSessionId: text('created_session_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [index('passkeys_user_id_idx').on(table.userId)],
);

export type PasskeyRow = typeof passkeys.$inferSelect;
