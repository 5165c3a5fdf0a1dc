import type { Tx } from '@/db/client';
import { afterCommit } from '@/lib/transaction';
import { existingTokenRuntime } from './runtime';
import { EVERYTHING } from './token-verifier';

/**
 * Inside the unit of work that changes keys (or a role's grants). Every instance hears of the
 * change from the database itself on commit (migration 0013's triggers NOTIFY), whether or not
 * this is called; this makes the instance that made the change forget the keys the moment the
 * transaction commits, without waiting for its own notification.
 */
export function announceTokenChange(tx: Tx, accessIds: string | string[] = EVERYTHING): void {
  const ids = typeof accessIds === 'string' ? [accessIds] : accessIds;
  afterCommit(tx, () => {
    const verifier = existingTokenRuntime()?.verifier;
    for (const id of ids) verifier?.invalidate(id);
  });
}
