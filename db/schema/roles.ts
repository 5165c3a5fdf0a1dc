import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Grant } from '@/lib/auth/permissions';
import { timestamps } from './timestamps';

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // Grants are validated against the permission catalog in code before every write.
    grants: jsonb('grants').$type<Grant[]>().notNull().default([]),
    predefined: boolean('predefined').notNull().default(false),
    ...timestamps,
  },
  (table) => [uniqueIndex('roles_name_lower_key').on(sql`lower(${table.name})`)],
);

export type RoleRow = typeof roles.$inferSelect;
