/**
 * What a full instance's heap holds besides the key cache: Next's server code and the app's routes
 * (about 125 MB right after start), the compiled role patterns (a few MB for real roles, ~30 at
 * worst: lib/auth/name-pattern.ts), the unknown-token cache (4 MB) and a working set under load.
 */
const RESERVED_MB = 176;

/**
 * The token caches' byte budget for an old-space ceiling of `heapMb` (KEYGATE_HEAP_MB): half of
 * what the rest leaves, between 8 and 64 MB. An eighth of it holds the allowed-IP checks keys
 * share (3 MB at the default: about 10,000 decisions and 500 lists of four networks), the rest the
 * keys: at the default 224 MB, 21 MB, about 27,000 keys without roles (a cached key weighs about
 * 800 bytes, measured; the cache's estimate is within 10 % of it). A fixed 64 MB did not fit: a
 * full instance that verified 100,000 different keys ran out of heap.
 */
export function tokenCacheBudgets(heapMb: number): { maxBytes: number; ipCheckBytes: number } {
  const total = Math.min(64, Math.max(8, Math.floor((heapMb - RESERVED_MB) / 2))) * 1024 * 1024;
  const ipCheckBytes = total / 8;
  return { maxBytes: total - ipCheckBytes, ipCheckBytes };
}
