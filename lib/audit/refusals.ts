import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { refusedAction } from './actions';
import { recordBatched } from './batched-audit';

/**
 * Refused actions (403) are audited in batches (lib/audit/batched-audit.ts): a flood of refusals
 * from one key is one entry per (actor, action, target) per flush, with the count. The target's
 * type is the one the permission acts on (PERMISSION_TARGETS).
 */
export function recordRefusal(actor: Actor, permission: Permission, targetId: string | null, reason: string) {
  recordBatched({
    key: `refused\n${actor.kind}\n${actor.id}\n${permission}\n${targetId ?? ''}`,
    actor,
    action: refusedAction(permission),
    targetId,
    targetName: targetId,
    detail: { reason },
  });
}
