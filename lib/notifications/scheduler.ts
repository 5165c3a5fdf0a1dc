import { purgeRetiredTokens } from '@/lib/api-access/retired-tokens';
import { purgeWebhookDeliveries } from '@/lib/webhooks/purge-deliveries';
import { runExpiryNotifications } from './run-expiry-notifications';
import { settings } from '@/lib/settings';
import { log } from '@/lib/log/logger';

/**
 * Runs the hourly jobs (expiry notices, purging retired tokens) inside the Keygate server: a minute after start, then every hour, so a
 * plain `npm start` needs no outside scheduler. Several instances may all run it (the outbox
 * keeps each notice once). Off with KEYGATE_SCHEDULER=off.
 */
export function startExpiryScheduler(): { stop: () => Promise<void> } {
  const { KEYGATE_SCHEDULER, KEYGATE_SCHEDULER_FIRST_RUN_MS: firstRunMs, KEYGATE_SCHEDULER_INTERVAL_MS: intervalMs } = settings();
  if (KEYGATE_SCHEDULER === 'off') return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  let timer: NodeJS.Timeout;
  const tick = () => {
    // An overrunning run is not doubled up in this process; the next tick finds the rest.
    running ??= Promise.all([
      runExpiryNotifications().catch((err) => log().error({ err }, 'Expiry notifications failed; the next run tries again.')),
      purgeRetiredTokens().catch((err) => log().error({ err }, 'Purging retired tokens failed; the next run tries again.')),
      purgeWebhookDeliveries().catch((err) => log().error({ err }, 'Purging webhook deliveries failed; the next run tries again.')),
    ]).finally(() => (running = null));
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  timer = setTimeout(tick, firstRunMs);
  timer.unref();
  return {
    async stop() {
      clearTimeout(timer);
      await running;
    },
  };
}
