import { db } from '@/db/client';
import { auditLogs } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

/** The action of a refusal's entry starts with this, followed by the permission refused. */
export const REFUSED_PREFIX = 'refused.';

type Pending = { actor: Actor; action: string; targetId: string | null; reason: string; count: number; first: Date };

const FLUSH_MS = Number(process.env.KEYGATE_REFUSAL_FLUSH_MS ?? 5_000);
const MAX_PENDING = 10_000;

/**
 * Refused actions (403) go to the audit log in batches: a flood of refusals from one key costs
 * its requests nothing but a map update, and becomes one entry per (actor, action, target) per
 * flush, with the count.
 */
class RefusalRecorder {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;

  record(actor: Actor, action: string, targetId: string | null, reason: string) {
    const key = `${actor.kind}\n${actor.id}\n${action}\n${targetId ?? ''}`;
    const entry = this.pending.get(key);
    if (entry) entry.count++;
    else if (this.pending.size < MAX_PENDING) this.pending.set(key, { actor, action, targetId, reason, count: 1, first: new Date() });
    this.timer ??= setTimeout(() => void this.flush().catch((error) => console.error('Could not record refusals', error)), FLUSH_MS);
    this.timer.unref?.();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length === 0) return;
    await db.insert(auditLogs).values(
      batch.map(({ actor, action, targetId, reason, count, first }) => ({
        at: first,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        action: `${REFUSED_PREFIX}${action}`,
        targetType: action.includes('Role') ? 'role' : action.includes('User') ? 'user' : 'apiAccess',
        targetId,
        targetName: targetId,
        ip: actor.ip,
        userAgent: actor.userAgent?.slice(0, 512) ?? null,
        changes: { after: { reason, count } },
      })),
    );
  }
}

const globalForRefusals = globalThis as typeof globalThis & { __keygateRefusals?: RefusalRecorder };
const recorder = () => (globalForRefusals.__keygateRefusals ??= new RefusalRecorder());

export const recordRefusal = (actor: Actor, action: string, targetId: string | null, reason: string) =>
  recorder().record(actor, action, targetId, reason);

/** Writes what is pending now (shutdown, tests). */
export const flushRefusals = () => recorder().flush();
