import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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
