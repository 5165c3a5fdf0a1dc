import { composeEmails } from './compose-emails';
import { configuredMailer, type Mailer } from './mailer';
import { planDueNotices } from './plan-notices';
import { sendDueEmails } from './send-emails';
import { log } from '@/lib/log/logger';

/** Counts of notices (per recipient) this run sent, settled without sending, and failed to send. */
export type RunCounts = { sent: number; skipped: number; failed: number };

/**
 * The whole expiry-notification job, the same for the cron route and the built-in scheduler:
 * plan due notices, group them into emails, send what is due. Safe to run anywhere at once:
 * the database makes each notice happen once.
 *
 * @example
 * const { sent, skipped, failed } = await runExpiryNotifications();
 */
export async function runExpiryNotifications(
  options: { now?: Date; mailer?: Mailer; sleep?: (ms: number) => Promise<void> } = {},
): Promise<RunCounts> {
  const now = options.now ?? new Date();
  await planDueNotices(now);
  const composed = await composeEmails(now);
  const mailer = options.mailer ?? configuredMailer();
  const sent = await sendDueEmails({ now, mailer, sleep: options.sleep });
  const counts = { sent: sent.sent, skipped: composed.skipped + sent.skipped, failed: sent.failed };
  if (sent.released) {
    // Notices whose recipient left before sending go to whoever answers for the key now, in this same run.
    const recomposed = await composeEmails(now);
    const resent = await sendDueEmails({ now, mailer, sleep: options.sleep });
    counts.sent += resent.sent;
    counts.skipped += recomposed.skipped + resent.skipped;
    counts.failed += resent.failed;
  }
  if (counts.sent || counts.skipped || counts.failed) {
    log().info(
      counts,
      `Expiry notifications through ${mailer.describe}: ${counts.sent} sent, ${counts.skipped} skipped, ${counts.failed} failed`,
    );
  }
  return counts;
}
