import type { Actor } from '@/lib/auth/actor';
import { recordBatched } from './batched-audit';

/** The action of a refusal's entry starts with this, followed by the permission refused. */
export const REFUSED_PREFIX = 'refused.';

/**
 * Refused actions (403) are audited in batches (lib/audit/batched-audit.ts): a flood of refusals
 * from one key is one entry per (actor, action, target) per flush, with the count.
 */
export function recordRefusal(actor: Actor, action: string, targetId: string | null, reason: string) {
  recordBatched({
    key: `refused\n${actor.kind}\n${actor.id}\n${action}\n${targetId ?? ''}`,
    actor,
    action: `${REFUSED_PREFIX}${action}`,
    targetType: action.includes('Role') ? 'role' : action.includes('User') ? 'user' : 'apiAccess',
    targetId,
    targetName: targetId,
    detail: { reason },
  });
}
