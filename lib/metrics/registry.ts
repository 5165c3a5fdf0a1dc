import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { VerifyResponse } from '@/lib/tokens/verify-schemas';

export type VerificationCode = VerifyResponse['code'];

/**
 * A counter whose labelled values are plain numbers in a Map on the hot path (an increment is a
 * Map lookup and an addition; prom-client's labelled inc hashes and validates the labels every
 * time) and are handed to prom-client only when scraped.
 */
function tallyCounter<Label extends string>(registry: Registry, name: string, help: string, label: Label) {
  const tallies = new Map<string | number, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, count] of tallies) this.inc({ [label]: String(value) } as Record<Label, string>, count);
    },
  });
  return { add: (value: string | number) => void tallies.set(value, (tallies.get(value) ?? 0) + 1) };
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    verifications: tallyCounter(registry, 'keygate_verifications_total', 'Token verifications answered, by code', 'code'),
    verificationDuration: new Histogram({
      name: 'keygate_verification_duration_seconds',
      help: 'Time from a verification request read to its answer (cached answers take microseconds)',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    cacheHits: new Counter({ name: 'keygate_token_cache_hits_total', help: 'Token lookups answered from the cache', registers }),
    cacheMisses: new Counter({ name: 'keygate_token_cache_misses_total', help: 'Token lookups that went to the database', registers }),
    httpRequests: tallyCounter(registry, 'keygate_http_requests_total', 'HTTP responses sent, by status', 'status'),
    outboxPending: new Gauge({
      name: 'keygate_outbox_pending',
      help: 'Messages waiting to be sent, by kind',
      labelNames: ['kind'],
      registers,
    }),
    poolMax: new Gauge({
      name: 'keygate_db_pool_max_connections',
      help: 'Connections a pool of this instance may open',
      labelNames: ['pool'],
      registers,
    }),
    poolConnections: new Gauge({
      name: 'keygate_db_pool_connections',
      help: "Open connections of this instance's pools, by state (PostgreSQL's pg_stat_activity)",
      labelNames: ['pool', 'state'],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process: the custom server and Next's bundle load this module separately.
const globalForMetrics = globalThis as typeof globalThis & { __keygateMetrics?: Metrics | null };

/**
 * The process's metrics, or null when METRICS_TOKEN is unset: nobody may read them then, so
 * nothing is counted. Decided once, on first use (the hot path never reads settings).
 */
export function processMetrics(enabled: () => boolean): Metrics | null {
  if (globalForMetrics.__keygateMetrics === undefined) globalForMetrics.__keygateMetrics = enabled() ? createMetrics() : null;
  return globalForMetrics.__keygateMetrics;
}
