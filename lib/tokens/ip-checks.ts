import { LRUCache } from 'lru-cache';
import { compileAllowedIps, type IpMatcher } from '@/lib/api-access/allowed-ips';

/** A compiled matcher's weight (measured with --expose-gc: about 500 bytes plus 400 per network); the list's text is its key. */
const matcherBytes = (list: string) => 500 + 400 * list.split(' ').length;
/** A decision's weight: its key as UTF-16 text (an over-estimate: it is one byte a character) and the entry. */
const decisionBytes = (key: string) => 2 * key.length + 64;

/**
 * The allowed-IP checks of every cached key, in two bounded caches that keys with the same list
 * share: the decisions, by address and list (a key's callers come from a handful of addresses,
 * so nearly every verification is one lookup), and the compiled matchers, by list (a new address
 * of a known list costs parsing it, not the list). Cached keys hold neither, only the list's
 * text: these caches' byte bounds are the whole of the checks' memory. A matcher per key, its own
 * memo counted, made a key with four networks weigh 7× a plain one, and 10,000 of them outgrew
 * the default cache; one matcher cache alone, 10,000 keys each with a list of its own recompiled
 * a list on every verification.
 */
export class IpChecks {
  private readonly decisions: LRUCache<string, boolean>;
  private readonly matchers: LRUCache<string, IpMatcher>;

  /** A third of `maxBytes` for matchers, the rest for decisions. */
  constructor(maxBytes: number) {
    this.matchers = new LRUCache({ maxSize: Math.round(maxBytes / 3), sizeCalculation: (_matcher, list) => matcherBytes(list) });
    this.decisions = new LRUCache({ maxSize: maxBytes - this.matchers.maxSize, sizeCalculation: (_allowed, key) => decisionBytes(key) });
  }

  /** A key's check of its allowed IPs: null for none (any address); an absent address is refused (fail closed). */
  checkFor(entries: readonly string[]): IpMatcher | null {
    if (entries.length === 0) return null;
    const list = entries.join(' ');
    return (ip) => ip !== undefined && this.allows(list, entries, ip);
  }

  private allows(list: string, entries: readonly string[], ip: string): boolean {
    const key = `${ip} ${list}`;
    let allowed = this.decisions.get(key);
    if (allowed === undefined) {
      let matcher = this.matchers.get(list);
      if (!matcher) {
        matcher = compileAllowedIps(entries)!;
        this.matchers.set(list, matcher);
      }
      allowed = matcher(ip);
      this.decisions.set(key, allowed);
    }
    return allowed;
  }

  stats() {
    const { decisions, matchers } = this;
    return {
      entries: decisions.size,
      bytes: decisions.calculatedSize + matchers.calculatedSize,
      maxBytes: decisions.maxSize + matchers.maxSize,
      matchers: matchers.size,
    };
  }
}

/** What a key's check weighs in the key cache: its closure and the list's text (the entries themselves are counted as JSON). */
export const checkBytes = (entries: readonly string[]) => (entries.length === 0 ? 0 : 120 + 2 * entries.join(' ').length);
