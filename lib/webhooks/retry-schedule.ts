import { HOUR_MS, MINUTE_MS } from '@/lib/time';

/** SPEC §9: after the first try fails, tries again after these waits; after the tenth try it gives up. */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  5 * HOUR_MS,
  10 * HOUR_MS,
  14 * HOUR_MS,
  20 * HOUR_MS,
  24 * HOUR_MS,
];

/** The wait after the `attempts`-th failed try, or null when the schedule has run out. */
export const retryDelayMs = (attempts: number): number | null => RETRY_DELAYS_MS[attempts - 1] ?? null;
