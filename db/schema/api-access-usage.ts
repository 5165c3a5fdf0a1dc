import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { apiAccess } from './api-access';

/** Successful verifications and API calls per key per UTC day, written in batches. */
export const apiAccessUsage = pgTable(
  'api_access_usage',
  {
    apiAccessId: text('api_access_id')
      .notNull()
      .references(() => apiAccess.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.apiAccessId, table.day] })],
);

/**
 * Uses of all keys together per UTC day (the overview's 30-day chart): added to by the same
 * statement that writes the per-key counts, so reading 30 days is 30 rows at any number of keys.
 * Uses of keys deleted since stay counted: they happened.
 */
export const apiAccessUsageTotals = pgTable('api_access_usage_totals', {
  day: date('day', { mode: 'string' }).primaryKey(),
  count: bigint('count', { mode: 'number' }).notNull().default(0),
});
