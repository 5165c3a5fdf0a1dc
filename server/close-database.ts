import { closeDb } from '@/db/client';
import { settleBackgroundWork } from '@/lib/background-work';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import { log } from '@/lib/log/logger';
import { stopTokenRuntime } from '@/lib/tokens/runtime';

/**
 * Last at shutdown: usage counted in memory and batched audit entries are written and emails
 * being sent at once finish, then the pool closes (nothing lost on a clean stop).
 */
export async function writeOutAndCloseDatabase(): Promise<void> {
  await stopTokenRuntime();
  await flushBatchedAudit().catch((err) => log().error({ err }, 'Could not record audit entries at shutdown'));
  await settleBackgroundWork();
  await closeDb();
}
