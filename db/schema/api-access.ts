import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { roles } from './roles';
import { timestamps } from './timestamps';
import { users } from './users';

export const apiAccess = pgTable(
  'api_access',
  {
    /** The public Access ID, `ak_` + 20 base32 chars. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    type: text('type', { enum: ['API_KEY'] })
      .notNull()
      .default('API_KEY'),
    /** SHA-256 of the token, hex. The token itself is never stored. */
    tokenDigest: text('token_digest').notNull(),
    tokenStart: text('token_start').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Creation or last regeneration: where the current validity period starts. */
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    createdByKind: text('created_by_kind', { enum: ['user', 'apiAccess'] }).notNull(),
    createdById: text('created_by_id').notNull(),
    /** Kept as it was at creation, so the key still names its creator after they are gone. */
    createdByName: text('created_by_name').notNull(),
    /** The user ultimately responsible (followed through keys created by keys): who gets expiry emails. */
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** SPEC §7: a disabled key keeps its history and settings but verifies as DISABLED until enabled again. */
    enabled: boolean('enabled').notNull().default(true),
    /** SPEC §7: canonical addresses and CIDR blocks (lib/api-access/allowed-ips.ts); empty: any address. */
    allowedIps: text('allowed_ips')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** SPEC §7: requests per window, both set or both null (no limit). Enforced by lib/tokens. */
    rateLimitLimit: integer('rate_limit_limit'),
    rateLimitWindowSeconds: integer('rate_limit_window_seconds'),
    /** SPEC §7 rotation grace: the token replaced by the last regeneration, still verifying until previousTokenExpiresAt. */
    previousTokenDigest: text('previous_token_digest'),
    previousTokenExpiresAt: timestamp('previous_token_expires_at', { withTimezone: true }),
    /** SPEC §8: when a token of this key was reported leaked (the key is disabled until regenerated), by what, and where it was found. */
    leakedAt: timestamp('leaked_at', { withTimezone: true }),
    leakSource: text('leak_source', { enum: ['revoke_api', 'github'] }),
    leakUrl: text('leak_url'),
    /** When the expiry planner should next look at this key (the start of its next notice window); null: nothing more to announce. */
    noticeCheckAt: timestamp('notice_check_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex('api_access_name_lower_key').on(sql`lower(${table.name})`),
    uniqueIndex('api_access_token_digest_key').on(table.tokenDigest),
    uniqueIndex('api_access_previous_token_digest_key')
      .on(table.previousTokenDigest)
      .where(sql`${table.previousTokenDigest} is not null`),
    // Each sort with the Access ID as its tie-breaker, so a keyset page is one index range (lower(name) is unique already).
    index('api_access_expires_at_idx').on(table.expiresAt, table.id),
    index('api_access_created_at_idx').on(table.createdAt, table.id),
    index('api_access_tags_idx').using('gin', table.tags),
    // "Any part of the name, ignoring case" (ILIKE '%…%'): trigrams.
    index('api_access_name_trgm_idx').using('gin', table.name.op('gin_trgm_ops')),
    // The Disabled filter: few keys, found without walking the enabled ones.
    index('api_access_disabled_created_at_idx')
      .on(table.createdAt, table.id)
      .where(sql`not ${table.enabled}`),
    check(
      'api_access_rate_limit_check',
      // Both or neither ("x or y" alone would pass a half-null row: a CHECK lets NULL through).
      sql`(${table.rateLimitLimit} is null) = (${table.rateLimitWindowSeconds} is null) and coalesce(${table.rateLimitLimit} between 1 and 1000000, true) and coalesce(${table.rateLimitWindowSeconds} between 1 and 86400, true)`,
    ),
    check('api_access_allowed_ips_check', sql`cardinality(${table.allowedIps}) <= 100`),
    index('api_access_notice_check_at_idx')
      .on(table.noticeCheckAt)
      .where(sql`${table.noticeCheckAt} is not null`),
  ],
);

export type ApiAccessRow = typeof apiAccess.$inferSelect;

export const apiAccessRoles = pgTable(
  'api_access_roles',
  {
    apiAccessId: text('api_access_id')
      .notNull()
      .references(() => apiAccess.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'restrict' }),
  },
  (table) => [primaryKey({ columns: [table.apiAccessId, table.roleId] }), index('api_access_roles_role_idx').on(table.roleId)],
);

/**
 * How many keys carry each tag, kept by triggers on api_access (migration 0010), so the Tag
 * filter's list is read from a small table instead of unnesting every key's tags.
 */
export const apiAccessTagCounts = pgTable('api_access_tag_counts', {
  tag: text('tag').primaryKey(),
  keys: integer('keys').notNull(),
});
