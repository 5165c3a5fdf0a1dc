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
    /** The X-Request-Id of the request that wrote the entry (SPEC §11); null for Keygate's own work. */
    requestId: text('request_id'),
    changes: jsonb('changes').$type<AuditChanges>().notNull().default({}),
  },
  // One index per filter of the page and the REST query (tests/integration/audit-log-plans.test.ts
  // checks each is used at 1,000,000 entries): by target id (also a key's own history, newest first),
  // by actor id, by action prefix, by time, and "part of the name" through trigrams.
  // The table is append-only (a trigger, migration 0007).
  (table) => [
    index('audit_logs_at_idx').on(table.at),
    index('audit_logs_target_id_idx').on(table.targetId, table.id),
    index('audit_logs_actor_id_idx').on(table.actorId, table.id),
    index('audit_logs_action_idx').on(table.action.op('text_pattern_ops'), table.id),
    index('audit_logs_actor_name_trgm_idx').using('gin', table.actorName.op('gin_trgm_ops')),
    index('audit_logs_target_name_trgm_idx').using('gin', table.targetName.op('gin_trgm_ops')),
  ],
);

export type AuditLogRow = typeof auditLogs.$inferSelect;
