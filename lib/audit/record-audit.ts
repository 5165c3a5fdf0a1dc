import { auditLogs, type AuditChanges } from '@/db/schema';
import type { Queryable } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { currentRequestId } from '@/lib/log/logger';
import { auditTargetType, type AuditAction } from './actions';

type Snapshot = Record<string, unknown>;

/** The target's type is the action's own (lib/audit/actions.ts): a caller cannot name another. */
export type AuditEntry = {
  action: AuditAction;
  targetId: string;
  targetName: string;
  before?: Snapshot;
  after?: Snapshot;
};

/** Keeps only the fields whose values differ, so the log shows what changed. */
export function diffSnapshots(before: Snapshot = {}, after: Snapshot = {}): AuditChanges {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: Required<AuditChanges> = { before: {}, after: {} };
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key in before) changes.before[key] = before[key];
    if (key in after) changes.after[key] = after[key];
  }
  return changes;
}

/** Keygate itself, for what happens without anyone asking (the first administrator). */
export const KEYGATE_SYSTEM = { kind: 'system', id: null, name: 'Keygate', ip: null } as const;

/** Someone not signed in (a sign-in attempt): named by what they typed, with where they came from. */
export type AnonymousActor = {
  kind: 'anonymous';
  id: null;
  name: string;
  ip: string | null;
  userAgent?: string | null;
  requestId?: string | null;
};

type AuditActor = Actor | typeof KEYGATE_SYSTEM | AnonymousActor;

/** Written inside the same transaction as the change it describes: both land or neither does. Every audit row goes through here. */
export async function recordAudit(tx: Queryable, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, actor, [entry]);
}

/** Several entries of one actor in one statement (a bulk delete of 1,000 keys is one insert). */
export async function recordAudits(tx: Queryable, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  await insertEntries(
    tx,
    entries.map((entry) => ({ actor, entry, changes: diffSnapshots(entry.before, entry.after) })),
  );
}

/** An entry that stands for several events of one kind (lib/audit/batched-audit.ts): when the first happened, and what they were. */
export type CountedEntry = {
  actor: AuditActor;
  at: Date;
  entry: { action: AuditAction; targetId: string | null; targetName: string | null };
  detail: Record<string, unknown>;
};

/** Counted entries of any actors, in one statement. */
export async function recordCountedAudits(q: Queryable, entries: CountedEntry[]): Promise<void> {
  await insertEntries(
    q,
    entries.map(({ actor, at, entry, detail }) => ({ actor, at, entry, changes: { after: detail } })),
  );
}

async function insertEntries(
  q: Queryable,
  rows: {
    actor: AuditActor;
    at?: Date;
    entry: CountedEntry['entry'];
    changes: AuditChanges;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await q.insert(auditLogs).values(
    rows.map(({ actor, at, entry, changes }) => ({
      ...(at ? { at } : {}),
      actorKind: actor.kind,
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      targetType: auditTargetType(entry.action),
      targetId: entry.targetId,
      targetName: entry.targetName,
      ip: actor.ip,
      // Capped: a header is the client's to fill.
      userAgent: 'userAgent' in actor && actor.userAgent ? actor.userAgent.slice(0, 512) : null,
      // Valid by construction (lib/log/request-id.ts); what the request carried, else the request being served.
      requestId: ('requestId' in actor && actor.requestId) || currentRequestId() || null,
      changes,
    })),
  );
}
