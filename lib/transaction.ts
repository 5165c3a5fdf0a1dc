import { db, type Tx } from '@/db/client';
import { isForeignKeyViolation, isUniqueViolation, type Failure, type Result } from '@/lib/errors';
import { log } from '@/lib/log/logger';

class RollbackWithFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** The operation's own failures for the constraint violations its writes may meet (a duplicate name, a role just assigned). */
export type Conflicts = { uniqueViolation?: Failure; foreignKeyViolation?: Failure };

// The effects each open unit of work will run once it has committed.
const pendingEffects = new WeakMap<Tx, (() => void)[]>();

/**
 * Runs `effect` after the transaction of `tx` commits, and never when it rolls back: what this
 * process does about a change (forgetting a cached token) happens only once the change is real.
 * Only a transaction opened by inTransaction has this.
 */
export function afterCommit(tx: Tx, effect: () => void): void {
  const effects = pendingEffects.get(tx);
  if (!effects) throw new Error('afterCommit needs a transaction opened by inTransaction');
  effects.push(effect);
}

/** Whether `tx` is a transaction opened by inTransaction (so afterCommit may be used on it). */
export const isUnitOfWork = (tx: unknown): tx is Tx => pendingEffects.has(tx as Tx);

/**
 * The unit of work: runs `work` in one transaction. When it returns a failure, everything it
 * wrote is rolled back and the failure is returned (nothing half-written); a unique or
 * foreign-key violation comes back as the operation's CONFLICT failure given in `conflicts`;
 * after a commit, the effects scheduled with afterCommit run, in order.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<Result<T>>, conflicts: Conflicts = {}): Promise<Result<T>> {
  const effects: (() => void)[] = [];
  let result: Result<T>;
  try {
    result = await db.transaction(async (tx) => {
      pendingEffects.set(tx, effects);
      const outcome = await work(tx);
      if (!outcome.ok) throw new RollbackWithFailure(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof RollbackWithFailure) return error.failure;
    if (conflicts.uniqueViolation && isUniqueViolation(error)) return conflicts.uniqueViolation;
    if (conflicts.foreignKeyViolation && isForeignKeyViolation(error)) return conflicts.foreignKeyViolation;
    throw error;
  }
  for (const effect of effects) {
    // The change is committed: an effect that fails is logged, and the caller still hears of the success.
    try {
      effect();
    } catch (error) {
      log().error({ err: error }, 'An after-commit effect failed');
    }
  }
  return result;
}
