import { LRUCache } from 'lru-cache';
import type postgres from 'postgres';
import type { IpMatcher } from '@/lib/api-access/allowed-ips';
import { permissionsOf, type Grant, type Permission } from '@/lib/auth/permissions';
import { tokenCacheHit, tokenCacheMiss } from '@/lib/metrics/metrics';
import { IpChecks, checkBytes } from './ip-checks';
import { TOKEN_LENGTH, isWellFormedToken, tokenDigest } from './token';

type Sql = ReturnType<typeof postgres>;

type LoadedRow = {
  id: string | null;
  name: string | null;
  expires_at: Date | string | null;
  enabled: boolean | null;
  grace_ends_at: Date | string | null;
  allowed_ips: string[] | null;
  rate_limit_limit: number | null;
  rate_limit_window_seconds: number | null;
  roles: { name: string; grants: Grant[] }[] | null;
  retired_id: string | null;
  retired_name: string | null;
};

export const TOKEN_CHANNEL = 'keygate_api_access';
/** Sent instead of an Access ID when every cached key may be stale (a role's grants changed). */
export const EVERYTHING = '*';
/**
 * For a transaction that only keeps books on keys (usage counts, the notice planner's next
 * check): its writes change nothing a token's answer depends on, so they are not announced.
 */
export const BOOKKEEPING_ONLY = "select set_config('keygate.bookkeeping', 'on', true)";

/** What a valid token stands for, as cached. Expiry is compared with the clock on every use. */
export type TokenHolder = {
  accessId: string;
  name: string;
  roles: string[];
  grants: Grant[];
  permissions: Permission[];
  expiresAt: Date;
  enabled: boolean;
  /** The key's allowed IPs as text: what the cache's size estimate weighs (the check is not JSON). */
  allowedIps: string[];
  /** The same as a check, through the matcher every key with this list shares; null (no list: any address) costs a verification one test. */
  ipAllowed: IpMatcher | null;
  /** SPEC §7's rate limit, or null for none. */
  rateLimit: { limit: number; windowSeconds: number } | null;
  /** Set for the previous token of a rotation: it works until then (SPEC §7), then it is retired. */
  graceEndsAt: Date | null;
};

/** Whether the key may be used from this client address (SPEC §7): any without a list; with one, never without an address. */
export const allowsAddress = (holder: TokenHolder, ip: string | undefined): boolean => holder.ipAllowed === null || holder.ipAllowed(ip);

/** A token that stopped working by regeneration or deletion (SPEC §7): NOT_FOUND, and an alarm naming its key. */
export type RetiredToken = { accessId: string; name: string };

export type TokenLookup =
  { kind: 'malformed' } | { kind: 'notFound' } | { kind: 'retired'; retired: RetiredToken } | { kind: 'found'; holder: TokenHolder };

/** A cache entry's weight: its digest and its value as UTF-16 text plus the entry's own overhead (an estimate, and a stable one). */
const approximateBytes = (value: TokenLookup, digest: string) =>
  2 * (digest.length + JSON.stringify(value).length) + 160 + (value.kind === 'found' ? checkBytes(value.holder.allowedIps) : 0);

const MALFORMED: TokenLookup = { kind: 'malformed' };
const NOT_FOUND_LOOKUP: TokenLookup = { kind: 'notFound' };

/**
 * Finds the key behind a token: an in-process cache keyed by digest, else the
 * checksum (no database), then one indexed query. Deletion,
 * regeneration and edits invalidate the cache here at once and, through
 * PostgreSQL LISTEN/NOTIFY, in every other instance.
 */
export class TokenVerifier {
  // Values are the lookups themselves, so a cache hit allocates nothing.
  private readonly cache: LRUCache<string, TokenLookup>;
  // Unknown tokens apart: a flood of made-up (but well-formed: CRC32 is public) tokens churns
  // only this small cache and never pushes real keys out of the main one.
  private readonly unknown: LRUCache<string, TokenLookup>;
  private readonly digestsByAccessId = new Map<string, Set<string>>();
  private readonly ipChecks: IpChecks;
  // Identical lookups in flight share one query: a burst of one token costs one round trip.
  private readonly inFlight = new Map<string, Promise<TokenLookup>>();
  // Bumped by every invalidation: a lookup that raced one does not cache what it read.
  private epoch = 0;
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly sql: Sql,
    options: { ttlMs?: number; maxEntries?: number; maxBytes?: number; ipCheckBytes?: number } = {},
  ) {
    this.ipChecks = new IpChecks(options.ipCheckBytes ?? 2 * 1024 * 1024);
    this.cache = new LRUCache({
      max: options.maxEntries ?? 100_000,
      // Bounded in bytes too: a key with many roles and grants weighs more than one with none.
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (value, digest) => approximateBytes(value, digest),
      ttl: options.ttlMs ?? 30_000,
      dispose: (value, digest) => {
        if (value.kind !== 'found') return;
        const digests = this.digestsByAccessId.get(value.holder.accessId);
        digests?.delete(digest);
        // An emptied set goes too: kept, it would hold memory for every key ever verified.
        if (digests?.size === 0) this.digestsByAccessId.delete(value.holder.accessId);
      },
    });
    // 10,000 unknown digests weigh about 3.3 MB by the same estimate: the entry bound is the one that binds.
    this.unknown = new LRUCache({ max: 10_000, maxSize: 4 * 1024 * 1024, sizeCalculation: approximateBytes, ttl: options.ttlMs ?? 30_000 });
  }

  /**
   * The answer, synchronously when it needs no database (malformed, or cached):
   * the hot path of a busy verifier creates no promise at all. Only tokens that
   * passed the checksum are ever cached, so a cache hit skips it; a miss checks
   * it before any query. The digest is computed once, whichever way it goes.
   */
  find(token: string): TokenLookup | Promise<TokenLookup> {
    // The length first, so nothing long is ever hashed.
    if (token.length !== TOKEN_LENGTH) return MALFORMED;
    const digest = tokenDigest(token);
    const cached = this.fromCaches(digest);
    if (cached) {
      tokenCacheHit();
      return cached;
    }
    if (!isWellFormedToken(token)) return MALFORMED;
    tokenCacheMiss();
    return this.fetch(digest);
  }

  /** The answer the caches hold for a token, if any: never the database, nor the checksum. A miss here is counted by the find() that follows. */
  cached(token: string): TokenLookup | undefined {
    const found = token.length === TOKEN_LENGTH ? this.fromCaches(tokenDigest(token)) : undefined;
    if (found) tokenCacheHit();
    return found;
  }

  private fromCaches(digest: string): TokenLookup | undefined {
    return this.cache.get(digest) ?? this.unknown.get(digest);
  }

  /** How full the caches are, in entries and (approximate) bytes, with their bounds. */
  stats() {
    const of = (cache: LRUCache<string, TokenLookup>) => ({
      entries: cache.size,
      bytes: cache.calculatedSize,
      maxEntries: cache.max,
      maxBytes: cache.maxSize,
    });
    return { keys: of(this.cache), unknown: of(this.unknown), ipChecks: this.ipChecks.stats() };
  }

  private fetch(digest: string): Promise<TokenLookup> {
    let pending = this.inFlight.get(digest);
    if (!pending) {
      pending = this.fetchOnce(digest).finally(() => this.inFlight.delete(digest));
      this.inFlight.set(digest, pending);
    }
    return pending;
  }

  private async fetchOnce(digest: string): Promise<TokenLookup> {
    const epoch = this.epoch;
    const found = await this.load(digest);
    if (epoch === this.epoch) this.remember(digest, found);
    return found;
  }

  /**
   * One query answers every kind of digest: a key's current token, its previous token during a
   * rotation, a retired token, or nothing. A made-up token costs the same single round trip as
   * before (two index probes that find nothing).
   */
  private async load(digest: string): Promise<TokenLookup> {
    const [row] = await this.sql<LoadedRow[]>`
      select k.*, rt.api_access_id as retired_id, rt.access_name as retired_name
      from (select ${digest}::text as digest) q
      left join lateral (
        select a.id, a.name, a.expires_at, a.enabled, a.allowed_ips, a.rate_limit_limit, a.rate_limit_window_seconds,
          case when a.token_digest = q.digest then null else a.previous_token_expires_at end as grace_ends_at,
          coalesce(json_agg(json_build_object('name', r.name, 'grants', r.grants) order by r.name) filter (where r.id is not null), '[]') as roles
        from api_access a
        left join api_access_roles ar on ar.api_access_id = a.id
        left join roles r on r.id = ar.role_id
        where a.token_digest = q.digest or a.previous_token_digest = q.digest
        group by a.id
      ) k on true
      left join retired_tokens rt on rt.token_digest = q.digest`;
    if (row?.id) {
      const grants = row.roles!.flatMap((role) => role.grants);
      // drizzle makes the shared pool return timestamps as text; a pool of its own returns Dates.
      const holder: TokenHolder = {
        accessId: row.id,
        name: row.name!,
        grants,
        permissions: permissionsOf(grants),
        expiresAt: new Date(row.expires_at!),
        enabled: row.enabled!,
        roles: row.roles!.map((role) => role.name),
        graceEndsAt: row.grace_ends_at == null ? null : new Date(row.grace_ends_at),
        allowedIps: row.allowed_ips!,
        ipAllowed: this.ipChecks.checkFor(row.allowed_ips!),
        rateLimit:
          row.rate_limit_limit != null && row.rate_limit_window_seconds != null
            ? { limit: row.rate_limit_limit, windowSeconds: row.rate_limit_window_seconds }
            : null,
      };
      return { kind: 'found', holder };
    }
    if (row?.retired_id) return { kind: 'retired', retired: { accessId: row.retired_id, name: row.retired_name! } };
    return NOT_FOUND_LOOKUP;
  }

  private remember(digest: string, found: TokenLookup) {
    // Unknown and retired digests never become a key's token again: they share the small cache.
    if (found.kind !== 'found') {
      this.unknown.set(digest, found);
      return;
    }
    this.cache.set(digest, found);
    const digests = this.digestsByAccessId.get(found.holder.accessId) ?? new Set<string>();
    digests.add(digest);
    this.digestsByAccessId.set(found.holder.accessId, digests);
  }

  /** Forgets one key (by Access ID), or everything. */
  invalidate(accessId: string) {
    this.epoch++;
    if (accessId === EVERYTHING) {
      this.cache.clear();
      this.unknown.clear();
      this.digestsByAccessId.clear();
      return;
    }
    for (const digest of this.digestsByAccessId.get(accessId) ?? []) this.cache.delete(digest);
    this.digestsByAccessId.delete(accessId);
  }

  /** Subscribes to invalidations from every instance; on each (re)connect the cache is cleared, as notices may have been missed. */
  async listen(): Promise<void> {
    if (this.stopListening) return;
    const subscription = await this.sql.listen(
      TOKEN_CHANNEL,
      (payload) => this.invalidate(payload || EVERYTHING),
      () => this.invalidate(EVERYTHING),
    );
    this.stopListening = () => subscription.unlisten();
  }

  async close(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
  }
}
