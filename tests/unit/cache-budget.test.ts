import { describe, expect, it } from 'vitest';
import { tokenCacheBudgets } from '@/lib/tokens/cache-budget';
import { DEFAULT_HEAP_MB } from '../../server/node-flags';

const MB = 1024 * 1024;
const total = (heapMb: number) => {
  const { maxBytes, ipCheckBytes } = tokenCacheBudgets(heapMb);
  return maxBytes + ipCheckBytes;
};

describe('the token caches’ budget, from the heap ceiling', () => {
  it('at the default ceiling leaves a full instance room to hold it (a fixed 64 MB ran out of heap)', () => {
    expect(total(DEFAULT_HEAP_MB)).toBe(24 * MB);
    // The shared allowed-IP checks take an eighth: 3 MB, the keys the rest.
    expect(tokenCacheBudgets(DEFAULT_HEAP_MB)).toEqual({ maxBytes: 21 * MB, ipCheckBytes: 3 * MB });
  });

  it('grows with a raised ceiling up to 64 MB, and never drops under 8 MB', () => {
    expect(total(320)).toBe(64 * MB);
    expect(total(4096)).toBe(64 * MB);
    expect(total(64)).toBe(8 * MB);
  });
});
