import { eq, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { users } from '@/db/schema';

/** Whether some session of this database is waiting for a row lock now. */
async function someoneWaitsForALock(): Promise<boolean> {
  const [row] = await db.execute<{ waiting: boolean }>(
    sql`select exists (select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock') as waiting`,
  );
  return Boolean(row?.waiting);
}

/**
 * Another request holding the user's row (as finish-registration, confirm-enrolment and
 * remove-passkey do) while `operation` runs: once `operation` has finished or waits for that
 * lock, `inside` writes in the holder's transaction, which then commits. An operation that takes
 * the lock sees what `inside` wrote; one that does not has acted without it.
 */
export async function whileUserRowLocked<T>(userId: string, operation: () => Promise<T>, inside: (tx: Tx) => Promise<void>): Promise<T> {
  let running!: Promise<T>;
  await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    let finished = false;
    running = operation().finally(() => {
      finished = true;
    });
    running.catch(() => {});
    const deadline = Date.now() + 10_000;
    while (!finished && !(await someoneWaitsForALock())) {
      if (Date.now() > deadline) throw new Error('the operation neither finished nor waited for the lock');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await inside(tx);
  });
  return running;
}
