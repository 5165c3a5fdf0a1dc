import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export type AuditChanges = { before?: Record<string, unknown>; after?: Record<string, unknown> };

export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** anonymous: someone not (yet) signed in, such as a failed sign-in. */
    actorKind: text('actor_kind', { enum: ['user', 'apiAccess', 'system', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetName: text('target_name'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    changes: jsonb('changes').$type<AuditChanges>().notNull().default({}),
  },
  // By target: a key's own history, newest first. The table is append-only (a trigger, migration 0007).
  (table) => [index('audit_logs_at_idx').on(table.at), index('audit_logs_target_idx').on(table.targetType, table.targetId, table.id)],
);

export type AuditLogRow = typeof auditLogs.$inferSelect;
