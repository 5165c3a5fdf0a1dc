import { db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import type { AuditAction } from './actions';
import { recordCountedAudits, type AnonymousActor } from './record-audit';
import { settings } from '@/lib/settings';
import { log } from '@/lib/log/logger';

/** One kind of event, counted: the same `key` within a flush window becomes one entry with its count. */
export type BatchedEvent = {
  key: string;
  actor: Actor | AnonymousActor;
  action: AuditAction;
  targetId: string | null;
  targetName: string | null;
  /** What the entry says besides the count; `merge` folds a later event's detail into it. */
  detail: Record<string, unknown>;
  /** Runs once the entry is written, with what it says (the retired-token alarm raises its webhook event here). */
  onWritten?: (written: { count: number; detail: Record<string, unknown> }) => Promise<unknown>;
};
type Pending = BatchedEvent & { count: number; first: Date };

const MAX_PENDING = 10_000;

/**
 * Events that can come in floods (refused actions, throttled sign-ins) go to the audit log in
 * batches: each costs its request only a map update, and becomes one entry per key per flush
 * (5 s), with the count. Pending entries are written on a clean shutdown.
 */
class BatchedAuditRecorder {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;

  record(event: BatchedEvent, merge?: (into: Record<string, unknown>, detail: Record<string, unknown>) => void) {
    const entry = this.pending.get(event.key);
    if (entry) {
      entry.count++;
      merge?.(entry.detail, event.detail);
    } else if (this.pending.size < MAX_PENDING) this.pending.set(event.key, { ...event, count: 1, first: new Date() });
    this.timer ??= setTimeout(
      () => void this.flush().catch((error) => log().error({ err: error }, 'Could not record audit entries')),
      settings().KEYGATE_REFUSAL_FLUSH_MS,
    );
    this.timer.unref?.();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length === 0) return;
    await recordCountedAudits(
      db,
      batch.map(({ actor, action, targetId, targetName, detail, count, first }) => ({
        actor,
        at: first,
        entry: { action, targetId, targetName },
        detail: { ...detail, count },
      })),
    );
    await Promise.all(
      batch
        .filter((entry) => entry.onWritten)
        .map((entry) =>
          entry.onWritten!({ count: entry.count, detail: entry.detail }).catch((err) =>
            log().error({ err, action: entry.action }, 'An effect of a batched audit entry failed'),
          ),
        ),
    );
  }
}

const globalForBatches = globalThis as typeof globalThis & { __keygateBatchedAudit?: BatchedAuditRecorder };
const recorder = () => (globalForBatches.__keygateBatchedAudit ??= new BatchedAuditRecorder());

export const recordBatched = (event: BatchedEvent, merge?: (into: Record<string, unknown>, detail: Record<string, unknown>) => void) =>
  recorder().record(event, merge);

/** Writes what is pending now (shutdown, tests). */
export const flushBatchedAudit = () => recorder().flush();
