import { log } from '@/lib/log/logger';
import { db as appDb, type Db } from '@/db/client';
import type { WebhookDeliveryRow } from '@/db/schema';
import { settings } from '@/lib/settings';
import { claimDeliveries } from './claim-deliveries';
import { deliverOnce, type DeliverOptions } from './deliver';
import type { Resolve } from './safe-post';
import { onWebhookEvents } from './wake';

export type WorkerOptions = {
  db?: Db;
  /** Tries in flight at once in this process, and per endpoint (a hanging receiver holds at most that many). */
  concurrency?: number;
  perEndpoint?: number;
  pollMs?: number;
  allowPrivate?: boolean;
  resolve?: Resolve;
  timeoutMs?: number;
};

export type DeliveryWorker = { wake: () => void; stop: () => Promise<void> };

/**
 * Delivers the webhook outbox from this process: polls every second, and at once after a commit
 * here raised events. Deliveries run side by side (16, at most 4 per endpoint); when one finishes
 * its slot takes the next due one. Several instances run one each: claims make each delivery one
 * worker's at a time.
 */
export function startDeliveryWorker(options: WorkerOptions = {}): DeliveryWorker {
  const q = options.db ?? appDb;
  const concurrency = options.concurrency ?? 16;
  const perEndpoint = options.perEndpoint ?? 4;
  const deliverOptions: DeliverOptions = {
    allowPrivate: options.allowPrivate ?? settings().KEYGATE_WEBHOOK_ALLOW_PRIVATE === '1',
    resolve: options.resolve,
    timeoutMs: options.timeoutMs,
  };
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let filling = false;
  let fillAgain = false;

  const start = (delivery: WebhookDeliveryRow) => {
    inFlight.set(delivery.endpointId, (inFlight.get(delivery.endpointId) ?? 0) + 1);
    const task = deliverOnce(q, delivery, deliverOptions)
      .catch((err) => log().error({ err }, 'A webhook delivery failed to run; its lease runs out and it is tried again.'))
      .finally(() => {
        const left = (inFlight.get(delivery.endpointId) ?? 1) - 1;
        if (left) inFlight.set(delivery.endpointId, left);
        else inFlight.delete(delivery.endpointId);
        running.delete(task);
        void fill();
      });
    running.add(task);
  };

  async function fill(): Promise<void> {
    if (filling) {
      fillAgain = true;
      return;
    }
    filling = true;
    try {
      do {
        fillAgain = false;
        while (!stopped && running.size < concurrency) {
          const limit = concurrency - running.size;
          const claimed = await claimDeliveries(q, { limit, perEndpoint, inFlight });
          claimed.forEach(start);
          // Fewer than asked: nothing more is due (or its endpoints are at their limit) until a try ends or a poll.
          if (claimed.length < limit) break;
        }
      } while (fillAgain && !stopped);
    } catch (error) {
      log().error({ err: error }, 'Claiming webhook deliveries failed; the next poll tries again.');
    } finally {
      filling = false;
    }
  }

  const poll = setInterval(() => void fill(), options.pollMs ?? 1000);
  poll.unref();
  const unsubscribe = onWebhookEvents(() => void fill());
  void fill();
  return {
    wake: () => void fill(),
    async stop() {
      stopped = true;
      clearInterval(poll);
      unsubscribe();
      await Promise.allSettled([...running]);
    },
  };
}

/** The worker of the Keygate server (server/start.ts), unless KEYGATE_WEBHOOK_DELIVERY=off. */
export function startConfiguredDeliveryWorker(): DeliveryWorker {
  if (settings().KEYGATE_WEBHOOK_DELIVERY === 'off') return { wake: () => {}, stop: async () => {} };
  return startDeliveryWorker();
}
