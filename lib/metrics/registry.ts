import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { bucketHistogram, tallyCounter } from './hot-metrics';
import type { VerifyResponse } from '@/lib/tokens/verify-schemas';

export type VerificationCode = VerifyResponse['code'];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    verifications: tallyCounter(registry, 'keygate_verifications_total', 'Token verifications answered, by code', 'code'),
    verificationDuration: bucketHistogram(
      registry,
      'keygate_verification_duration_seconds',
      'Time from a verification request read to its answer (cached answers take microseconds)',
      [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    ),
    cacheHits: tallyCounter(registry, 'keygate_token_cache_hits_total', 'Token lookups answered from the cache'),
    cacheMisses: tallyCounter(registry, 'keygate_token_cache_misses_total', 'Token lookups that went to the database'),
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
