import { describe, expect, it } from 'vitest';
import { keyCacheBudgetBytes } from '@/lib/tokens/cache-budget';
import { DEFAULT_HEAP_MB } from '../../server/node-flags';

const MB = 1024 * 1024;

describe('the key cache’s budget, from the heap ceiling', () => {
  it('at the default ceiling leaves a full instance room to hold it (a fixed 64 MB ran out of heap)', () => {
    expect(keyCacheBudgetBytes(DEFAULT_HEAP_MB)).toBe(24 * MB);
  });

  it('grows with a raised ceiling up to 64 MB, and never drops under 8 MB', () => {
    expect(keyCacheBudgetBytes(320)).toBe(64 * MB);
    expect(keyCacheBudgetBytes(4096)).toBe(64 * MB);
    expect(keyCacheBudgetBytes(64)).toBe(8 * MB);
  });
});
