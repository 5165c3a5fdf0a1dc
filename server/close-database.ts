import { closeDb } from '@/db/client';
import { settleBackgroundWork } from '@/lib/background-work';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import { log } from '@/lib/log/logger';
import { stopTokenRuntime } from '@/lib/tokens/runtime';

// An email sent at once drains the whole outbox, paced: a long queue is left to the next run rather
// than holding the stop past the few seconds an orchestrator allows. Its claim's lease runs out and
// its idempotency key keeps a retry from sending it twice.
const BACKGROUND_WORK_WAIT_MS = 5_000;

/**
 * Last at shutdown: usage counted in memory and batched audit entries are written and emails
 * being sent at once finish (for up to 5 s), then the pool closes (nothing lost on a clean stop).
 */
export async function writeOutAndCloseDatabase(): Promise<void> {
  await stopTokenRuntime();
  await flushBatchedAudit().catch((err) => log().error({ err }, 'Could not record audit entries at shutdown'));
  if (!(await settleBackgroundWork(BACKGROUND_WORK_WAIT_MS)))
    log().warn('Emails still being sent at shutdown are left to the next run of the outbox');
  await closeDb();
}
