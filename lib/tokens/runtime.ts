import postgres from 'postgres';
import { getSql } from '@/db/client';
import { TokenVerifier } from './token-verifier';
import { tokenCacheBudgets } from './cache-budget';
import { UsageRecorder } from './usage-recorder';
import { RateLimiter } from './rate-limiter';
import { settings } from '@/lib/settings';
import { poolApplicationName } from '@/lib/metrics/pool-names';
import { log } from '@/lib/log/logger';

export type Runtime = {
  sql: ReturnType<typeof getSql>;
  lookups: ReturnType<typeof getSql>;
  verifier: TokenVerifier;
  usage: UsageRecorder;
  limiter: RateLimiter;
  listening?: Promise<void>;
};

/**
 * Token lookups that miss the cache get a small pool of their own: a flood of made-up tokens
 * queues there and never takes the connections the pages, the API's operations and usage
 * writes need. Real keys are answered from the cache.
 */
const lookupPool = () =>
  postgres(settings().DATABASE_URL!, {
    max: settings().KEYGATE_TOKEN_LOOKUP_POOL_SIZE,
    onnotice: () => {},
    connection: { application_name: poolApplicationName('token_lookup') },
  });

// One per process, shared by the fast path in server/ and Next's bundle (which load this module separately).
const globalForTokens = globalThis as typeof globalThis & { __keygateTokens?: Runtime };

/** The process's token cache and usage recorder, bound to the current database pool. */
export function tokenRuntime(): Runtime {
  const sql = getSql();
  let runtime = globalForTokens.__keygateTokens;
  if (!runtime || runtime.sql !== sql) {
    void runtime?.lookups.end({ timeout: 5 });
    const lookups = lookupPool();
    runtime = {
      sql,
      lookups,
      verifier: new TokenVerifier(lookups, {
        ttlMs: settings().KEYGATE_TOKEN_CACHE_TTL_MS,
        ...tokenCacheBudgets(settings().KEYGATE_HEAP_MB),
      }),
      usage: new UsageRecorder(sql, settings().KEYGATE_USAGE_FLUSH_MS),
      limiter: new RateLimiter(sql),
    };
    globalForTokens.__keygateTokens = runtime;
  }
  // Invalidations from other instances; until the subscription is up, the short TTL bounds staleness.
  runtime.listening ??= runtime.verifier.listen().catch((error) => {
    log().error({ err: error }, 'Could not LISTEN for token invalidations');
    if (runtime) runtime.listening = undefined;
  });
  return runtime;
}

/** The runtime if this process has one; invalidation needs no new one. */
export const existingTokenRuntime = () => globalForTokens.__keygateTokens;

export async function stopTokenRuntime(): Promise<void> {
  const runtime = globalForTokens.__keygateTokens;
  if (!runtime) return;
  const { keys, unknown, ipChecks } = runtime.verifier.stats();
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  log().info(
    `Token caches at shutdown: keys ${keys.entries.toLocaleString('en')} entries (of ${keys.maxEntries.toLocaleString('en')}), ${mb(keys.bytes)} MB (of ${mb(keys.maxBytes)}); unknown tokens ${unknown.entries.toLocaleString('en')} entries, ${mb(unknown.bytes)} MB (of ${mb(unknown.maxBytes)}); allowed-IP checks ${ipChecks.entries.toLocaleString('en')} decisions and ${ipChecks.matchers.toLocaleString('en')} lists, ${mb(ipChecks.bytes)} MB (of ${mb(ipChecks.maxBytes)})`,
  );
  await runtime.usage.stop();
  await runtime.limiter.stop();
  await runtime.verifier.close();
  await runtime.lookups.end({ timeout: 5 });
  globalForTokens.__keygateTokens = undefined;
}
