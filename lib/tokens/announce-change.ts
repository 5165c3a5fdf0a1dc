import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { existingTokenRuntime } from './runtime';
import { EVERYTHING, TOKEN_CHANNEL } from './token-verifier';

/**
 * Inside the transaction that changes a key (or a role's grants): NOTIFY is
 * delivered to every instance when, and only if, the transaction commits.
 */
export async function announceTokenChange(tx: Queryable, accessIds: string | string[] = EVERYTHING): Promise<void> {
  // One statement for any number of keys (a bulk delete of 1,000 is one round trip).
  const ids = typeof accessIds === 'string' ? [accessIds] : accessIds;
  await tx.execute(sql`select pg_notify(${TOKEN_CHANNEL}, id) from unnest(${sql.param(ids)}::text[]) as id`);
}

/** After the commit: this process forgets at once, without waiting for its own notification. */
export function forgetTokenLocally(accessId: string = EVERYTHING): void {
  existingTokenRuntime()?.verifier.invalidate(accessId);
}
