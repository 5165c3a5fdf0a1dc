import { bigint, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * SPEC §7 rate limits, shared by every instance on this database: how many verifications and
 * API calls each key has counted in each fixed window. Instances add their local counts in batches
 * (lib/tokens/rate-limiter.ts) and read the total back in the same statement; nothing here is on
 * a request's path. No foreign key: a batch must not fail because a key was just deleted; old
 * windows are purged hourly.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    apiAccessId: text('api_access_id').notNull(),
    /** The window's start, epoch milliseconds (windows are aligned to the epoch). */
    windowStartMs: bigint('window_start_ms', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.apiAccessId, table.windowStartMs] })],
);
