import { settings } from '@/lib/settings';
import { processMetrics, type Metrics, type VerificationCode } from './registry';

// This module's copy of the process's metrics (null: off), so the hot path reads one variable.
let current: Metrics | null | undefined;

/** The metrics of this process, null when METRICS_TOKEN is unset. */
export const metrics = (): Metrics | null =>
  current === undefined ? (current = processMetrics(() => Boolean(settings().METRICS_TOKEN))) : current;

/** When a verification started, to hand to verificationAnswered (0 when metrics are off: no clock read). */
export const verificationStarted = (): number => (metrics() ? performance.now() : 0);

/** One verification answered: counted by code, its duration observed. */
export function verificationAnswered(code: VerificationCode, startedAt: number): void {
  const m = metrics();
  if (!m) return;
  m.verifications.add(code);
  m.verificationDuration.observe((performance.now() - startedAt) / 1000);
}

export function tokenCacheHit(): void {
  metrics()?.cacheHits.add();
}

export function tokenCacheMiss(): void {
  metrics()?.cacheMisses.add();
}

/** One HTTP response sent, by status. */
export function httpResponseSent(status: number): void {
  metrics()?.httpRequests.add(status);
}
