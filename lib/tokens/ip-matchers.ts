import { LRUCache } from 'lru-cache';
import { DECISIONS_KEPT, compileAllowedIps, type IpMatcher } from '@/lib/api-access/allowed-ips';

/**
 * A compiled matcher's weight (measured with --expose-gc: about 500 bytes plus 400 per network)
 * with its memo of decisions at its fullest. The list's text is the cache's key: one space per
 * entry after the first.
 */
const compiledBytes = (list: string) => 500 + 400 * (list.split(' ').length) + 80 * DECISIONS_KEPT;

/**
 * The compiled allowed-IP matchers, one per distinct list, shared by every cached key with that
 * list. A matcher with four networks weighs three times the rest of a cached key, and the keys of
 * an organization mostly repeat a few lists (an office, a VPN's egress), so each key keeping its
 * own made 10,000 such keys outgrow the cache. Cached keys hold a list's text, never its matcher:
 * this cache's byte bound is then the whole of the matchers' memory, and a matcher it let go is
 * compiled again on its next use (microseconds, no query).
 */
export class IpMatchers {
  private readonly compiled: LRUCache<string, IpMatcher>;

  constructor(maxBytes: number) {
    this.compiled = new LRUCache({ maxSize: maxBytes, sizeCalculation: (_matcher, list) => compiledBytes(list) });
  }

  /** A key's check of its allowed IPs (null for none: any address), through the shared matcher. */
  checkFor(entries: readonly string[]): IpMatcher | null {
    if (entries.length === 0) return null;
    const list = entries.join(' ');
    return (ip) => this.matcherOf(list, entries)(ip);
  }

  private matcherOf(list: string, entries: readonly string[]): IpMatcher {
    let matcher = this.compiled.get(list);
    if (!matcher) {
      matcher = compileAllowedIps(entries)!;
      this.compiled.set(list, matcher);
    }
    return matcher;
  }

  stats() {
    return { entries: this.compiled.size, bytes: this.compiled.calculatedSize, maxBytes: this.compiled.maxSize };
  }
}

/** What a key's check weighs in the key cache: its closure and the list's text (the entries themselves are counted as JSON). */
export const checkBytes = (entries: readonly string[]) => (entries.length === 0 ? 0 : 120 + 2 * entries.join(' ').length);
