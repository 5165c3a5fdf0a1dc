import { LRUCache } from 'lru-cache';
import type postgres from 'postgres';
import type { Grant } from '@/lib/auth/permissions';
import { isWellFormedToken, tokenDigest } from './token';

type Sql = ReturnType<typeof postgres>;

export const TOKEN_CHANNEL = 'keygate_api_access';
/** Sent instead of an Access ID when every cached key may be stale (a role's grants changed). */
export const EVERYTHING = '*';

/** What a valid token stands for, as cached. Expiry is compared with the clock on every use. */
export type TokenHolder = {
  accessId: string;
  name: string;
  roles: string[];
  grants: Grant[];
  expiresAt: Date;
};

export type TokenLookup = { kind: 'malformed' } | { kind: 'notFound' } | { kind: 'found'; holder: TokenHolder };

const NOT_FOUND = 'notFound' as const;

/**
 * Finds the key behind a token: the checksum first (no database), then an
 * in-process cache keyed by digest, then one indexed query. Deletion,
 * regeneration and edits invalidate the cache here at once and, through
 * PostgreSQL LISTEN/NOTIFY, in every other instance.
 */
export class TokenVerifier {
  private readonly cache: LRUCache<string, TokenHolder | typeof NOT_FOUND>;
  private readonly digestsByAccessId = new Map<string, Set<string>>();
  // Bumped by every invalidation: a lookup that raced one does not cache what it read.
  private epoch = 0;
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly sql: Sql,
    options: { ttlMs?: number; maxEntries?: number } = {},
  ) {
    this.cache = new LRUCache({
      max: options.maxEntries ?? 100_000,
      ttl: options.ttlMs ?? 5_000,
      dispose: (value, digest) => {
        if (value !== NOT_FOUND) this.digestsByAccessId.get(value.accessId)?.delete(digest);
      },
    });
  }

  async lookup(token: string): Promise<TokenLookup> {
    if (!isWellFormedToken(token)) return { kind: 'malformed' };
    const digest = tokenDigest(token).toString('hex');
    const cached = this.cache.get(digest);
    if (cached !== undefined) return cached === NOT_FOUND ? { kind: 'notFound' } : { kind: 'found', holder: cached };
    const epoch = this.epoch;
    const holder = await this.load(digest);
    if (epoch === this.epoch) this.remember(digest, holder);
    return holder ? { kind: 'found', holder } : { kind: 'notFound' };
  }

  private async load(digest: string): Promise<TokenHolder | null> {
    const [row] = await this.sql<{ id: string; name: string; expires_at: Date | string; roles: { name: string; grants: Grant[] }[] }[]>`
      select a.id, a.name, a.expires_at,
        coalesce(json_agg(json_build_object('name', r.name, 'grants', r.grants) order by r.name) filter (where r.id is not null), '[]') as roles
      from api_access a
      left join api_access_roles ar on ar.api_access_id = a.id
      left join roles r on r.id = ar.role_id
      where a.token_digest = ${digest}
      group by a.id`;
    if (!row) return null;
    return {
      accessId: row.id,
      name: row.name,
      // drizzle makes the shared pool return timestamps as text; a pool of its own returns Dates.
      expiresAt: new Date(row.expires_at),
      roles: row.roles.map((role) => role.name),
      grants: row.roles.flatMap((role) => role.grants),
    };
  }

  private remember(digest: string, holder: TokenHolder | null) {
    this.cache.set(digest, holder ?? NOT_FOUND);
    if (!holder) return;
    const digests = this.digestsByAccessId.get(holder.accessId) ?? new Set<string>();
    digests.add(digest);
    this.digestsByAccessId.set(holder.accessId, digests);
  }

  /** Forgets one key (by Access ID), or everything. */
  invalidate(accessId: string) {
    this.epoch++;
    if (accessId === EVERYTHING) {
      this.cache.clear();
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
