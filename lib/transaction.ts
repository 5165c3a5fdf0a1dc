import { db, type Tx } from '@/db/client';
import type { Failure, Result } from '@/lib/errors';

class RollbackWithFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * Runs `work` in one transaction; when it returns a failure, everything it wrote
 * is rolled back and the failure is returned — nothing half-written.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new RollbackWithFailure(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RollbackWithFailure) return error.failure;
    throw error;
  }
}
