import { LRUCache } from 'lru-cache';
import { settings } from '@/lib/settings';

type Window = { failures: number; resetAt: number };

/**
 * Clients (by IP) that keep failing Bearer authentication on the platform API: past the limit
 * they get 429 with Retry-After instead of database lookups, until the window ends. Tokens
 * already in the cache still work, so a real key behind the same address is not locked out.
 * In memory, per instance: a flood spread over instances meets each one's limit.
 */
export class BearerThrottle {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    private readonly limit = settings().KEYGATE_BEARER_FAILURE_LIMIT,
    private readonly windowMs = 60_000,
  ) {
    this.windows = new LRUCache({ max: 50_000 });
  }

  /** Seconds to wait, when `ip` is over the limit; null otherwise. */
  retryAfter(ip: string, now = Date.now()): number | null {
    const window = this.windows.get(ip);
    if (!window || window.resetAt <= now || window.failures < this.limit) return null;
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  recordFailure(ip: string, now = Date.now()): void {
    const window = this.windows.get(ip);
    if (!window || window.resetAt <= now) this.windows.set(ip, { failures: 1, resetAt: now + this.windowMs });
    else window.failures++;
  }
}

const globalForThrottle = globalThis as typeof globalThis & { __keygateBearerThrottle?: BearerThrottle };
export const bearerThrottle = () => (globalForThrottle.__keygateBearerThrottle ??= new BearerThrottle());
