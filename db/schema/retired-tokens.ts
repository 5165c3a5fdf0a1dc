import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * SPEC §7: digests of tokens that stopped working by regeneration or deletion, kept 90 days so a
 * service still presenting one can be named. Written by the database itself (migration 0018's
 * trigger on api_access), so no path that replaces or deletes a token can forget it. No foreign
 * key: the key may be gone, and the entry must outlive it.
 */
export const retiredTokens = pgTable(
  'retired_tokens',
  {
    tokenDigest: text('token_digest').primaryKey(),
    apiAccessId: text('api_access_id').notNull(),
    /** The key's name when the token was retired: the alarm names it after the key is deleted. */
    accessName: text('access_name').notNull(),
    reason: text('reason', { enum: ['regenerated', 'deleted'] }).notNull(),
    /** When the token stopped working (a rotation's grace end, or the deletion); purged 90 days later. */
    retiredAt: timestamp('retired_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('retired_tokens_retired_at_idx').on(table.retiredAt)],
);
