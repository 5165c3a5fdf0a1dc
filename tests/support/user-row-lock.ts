import { eq, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { users } from '@/db/schema';

/** Waits until `running` has settled or `sessions` sessions of this database wait for a lock. */
export async function untilSettledOrWaitingForALock(running: Promise<unknown>, sessions = 1): Promise<void> {
  let settled = false;
  running.then(
    () => (settled = true),
    () => (settled = true),
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await db.execute<{ waiting: number }>(
      sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (settled || (row?.waiting ?? 0) >= sessions) return;
    if (Date.now() > deadline) throw new Error('the operation neither finished nor waited for a lock');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
    running = operation();
    await untilSettledOrWaitingForALock(running);
    await inside(tx);
  });
  return running;
}
