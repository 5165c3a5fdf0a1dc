import { log } from '@/lib/log/logger';
import { z } from 'zod';
import { settings } from '@/lib/settings';

const keysResponse = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string(), key: z.string() })),
});

/** An unknown identifier fetches the keys again, but not more often than this: a stranger's made-up identifiers cannot make us hammer GitHub. */
const REFETCH_INTERVAL_MS = 60_000;

/**
 * The public keys GitHub signs its secret scanning reports with (SPEC §8), from
 * GITHUB_SECRET_SCANNING_KEYS_URL: fetched once, kept, and fetched again when a report names an
 * identifier not among them (GitHub rotates keys), at most once a minute.
 */
export class GitHubKeyCache {
  private keys = new Map<string, string>();
  private fetchedAt = -Infinity;
  private fetching: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly fetchKeys: (url: string) => Promise<Response> = (url) => fetch(url, { signal: AbortSignal.timeout(10_000) }),
  ) {}

  /** The PEM public key for `identifier`, or null when GitHub does not list it. */
  async key(identifier: string, now = Date.now()): Promise<string | null> {
    const known = this.keys.get(identifier);
    if (known) return known;
    if (now - this.fetchedAt >= REFETCH_INTERVAL_MS) {
      this.fetchedAt = now;
      this.fetching ??= this.load().finally(() => (this.fetching = null));
    }
    await this.fetching;
    return this.keys.get(identifier) ?? null;
  }

  private async load() {
    try {
      const response = await this.fetchKeys(this.url);
      if (!response.ok) throw new Error(`${this.url} answered ${response.status}`);
      const { public_keys } = keysResponse.parse(await response.json());
      this.keys = new Map(public_keys.map(({ key_identifier, key }) => [key_identifier, key]));
    } catch (error) {
      // Kept as they were: a failed fetch must not forget keys that still verify.
      log().error({ err: error }, 'Could not fetch the secret scanning public keys');
    }
  }
}

const globalForKeys = globalThis as typeof globalThis & { __keygateGitHubKeys?: GitHubKeyCache };
export const gitHubKeys = () => (globalForKeys.__keygateGitHubKeys ??= new GitHubKeyCache(settings().GITHUB_SECRET_SCANNING_KEYS_URL));
