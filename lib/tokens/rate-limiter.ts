import type postgres from 'postgres';
import { log } from '@/lib/log/logger';

type Sql = ReturnType<typeof postgres>;

export type RateLimit = { limit: number; windowSeconds: number };

/** What one counted request learns: allowed or not, what is left, when the window resets and when to try again (epoch ms). */
export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetMs: number; retryAtMs: number };

/** Whole seconds until a refused request may be tried again: at least 1 (SPEC §3's retryAfter, the API's Retry-After). */
export const retryAfterSeconds = (decision: RateDecision, nowMs: number) => Math.max(1, Math.ceil((decision.retryAtMs - nowMs) / 1000));

/** One key's count in its current window, as this instance knows it. */
type Counter = {
  windowStartMs: number;
  windowMs: number;
  /** The total across instances at the last sync (this instance's synced counts included). */
  synced: number;
  /** Counted here and being sent. */
  sending: number;
  /** Counted here since the last send. */
  local: number;
  /** Counted here and allowed since the last send: what decides an early sync. */
  allowedSinceSync: number;
  /** Allowed here and being sent: with allowedSinceSync, what other instances cannot see yet. */
  allowedSending: number;
  /** Counted since the last send: only such keys are synced (an idle key costs nothing). */
  touched: boolean;
  /** This instance's own counts the shared total has confirmed. */
  ownSynced: number;
  /** Another instance counted this key, in this window or the one before: only then is the unseen share capped. */
  shared: boolean;
  /** Due at the next sync (its window is new, it allowed its early-sync share, or it is near its limit). */
  urgent: boolean;
  lastSyncAt: number;
};

/** An instance syncs early once it has allowed this share of a key's limit since its last sync… */
const EARLY_SYNC_SHARE = 0.025;
/** …and allows no more than twice that until the shared total has answered (unless the database is failing). */
const UNSEEN_CAP = 2;
/** Past this share of its limit a key's total is read every sync interval… */
const NEAR_LIMIT_SHARE = 0.5;
/** …below it every 5 s: the early syncs alone bound what goes unseen, and 10,000 busy keys far from their limits cost a write each per 5 s, not per 250 ms. */
const LAZY_SYNC_MS = 5_000;

/**
 * SPEC §7 rate limits across instances without a database round trip on a request's path
 * (Unkey's method): fixed windows aligned to the epoch; each instance decides from the total it
 * last read plus what it counted since, and adds its counts to the shared row in batches, reading
 * the new total back in the same statement. A batch goes every `syncMs` for every key counted in
 * its current window, and at once (in the background) when an instance has allowed 2.5 % of a
 * key's limit since its last sync; for a key other instances use too, it allows no more than 5 % before
 * that sync has answered, so what another instance cannot yet see stays under 5 % of the limit (a
 * key used by one instance alone is never held back). While the database fails, each
 * instance decides from what it knows (it never refuses everything because a sync failed). docs/decisions.md states the bound; `npm run bench`
 * measures it with two instances.
 */
export class RateLimiter {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private scheduleAfterWrite = false;
  // The last sync failed: decide from local counts alone rather than refuse everything while the database is away.
  private failing = false;

  constructor(
    private readonly sql: Sql,
    private readonly syncMs = 250,
  ) {}

  /** Counts one request of `accessId` against `rateLimit` at `nowMs`, and decides it. */
  take(accessId: string, { limit, windowSeconds }: RateLimit, nowMs: number): RateDecision {
    const windowMs = windowSeconds * 1000;
    const windowStartMs = nowMs - (nowMs % windowMs);
    let counter = this.counters.get(accessId);
    let fresh = false;
    if (!counter || counter.windowStartMs !== windowStartMs || counter.windowMs !== windowMs) {
      // A new window (or a changed window length): counts start again; the old window's are moot.
      // Other instances may have counted in it already: the first sync reads their total at once.
      const shared = counter?.shared ?? false;
      counter = {
        windowStartMs,
        windowMs,
        synced: 0,
        sending: 0,
        local: 0,
        allowedSinceSync: 0,
        allowedSending: 0,
        touched: false,
        ownSynced: 0,
        shared,
        urgent: true,
        lastSyncAt: nowMs,
      };
      this.counters.set(accessId, counter);
      fresh = true;
    }
    const used = counter.synced + counter.sending + counter.local;
    counter.touched = true;
    const resetMs = windowStartMs + windowMs;
    const earlySync = Math.max(1, Math.floor(limit * EARLY_SYNC_SHARE));
    let decision: RateDecision;
    if (used >= limit) {
      counter.local++;
      decision = { allowed: false, limit, remaining: 0, resetMs, retryAtMs: resetMs };
    } else if (counter.shared && !this.failing && counter.allowedSinceSync + counter.allowedSending >= UNSEEN_CAP * earlySync) {
      // Other instances cannot see this many yet: wait for the shared total rather than overshoot.
      // Not counted: the key has not used its limit, this instance only cannot tell yet.
      decision = { allowed: false, limit, remaining: limit - used - 1, resetMs, retryAtMs: Math.min(resetMs, nowMs + 1_000) };
    } else {
      counter.local++;
      counter.allowedSinceSync++;
      decision = { allowed: true, limit, remaining: limit - used - 1, resetMs, retryAtMs: nowMs };
    }
    if (fresh || counter.allowedSinceSync >= earlySync) {
      counter.urgent = true;
      this.syncSoon();
    } else {
      if (used >= limit * NEAR_LIMIT_SHARE) counter.urgent = true;
      this.schedule();
    }
    return decision;
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.sync(false), this.syncMs);
    this.timer.unref();
  }

  private syncSoon() {
    if (this.syncing) this.syncAgain = true;
    else void this.sync(false);
  }

  /**
   * Sends the counts that are due (all of them when `everything`: a flush) and reads the totals
   * back; one sync at a time.
   */
  sync(everything = true): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.syncing = this.write(Date.now(), everything)
      .catch((err) => log().error({ err }, 'Rate limit sync failed; it is retried'))
      .finally(() => {
        this.syncing = null;
        if (this.syncAgain) {
          this.syncAgain = false;
          void this.sync(false);
        } else if (this.scheduleAfterWrite) this.schedule();
        this.scheduleAfterWrite = false;
      });
    return this.syncing;
  }

  private async write(nowMs = Date.now(), everything = false) {
    const ids: string[] = [];
    const starts: number[] = [];
    const deltas: number[] = [];
    const sent: Counter[] = [];
    const allowedSent: number[] = [];
    const due: [string, Counter][] = [];
    let waiting = false;
    for (const [id, counter] of this.counters) {
      if (counter.windowStartMs + counter.windowMs <= nowMs) {
        // The window is over: its remaining counts decide nothing any more.
        this.counters.delete(id);
        continue;
      }
      if (!counter.touched) continue;
      if (everything || counter.urgent || nowMs - counter.lastSyncAt >= LAZY_SYNC_MS) due.push([id, counter]);
      else waiting = true;
    }
    // Keys not due yet are looked at again at the next interval.
    if (waiting) this.scheduleAfterWrite = true;
    // Keys in id order, so two instances' batches over the same keys never deadlock.
    for (const [id, counter] of due.sort(([a], [b]) => (a < b ? -1 : 1))) {
      counter.touched = false;
      counter.urgent = false;
      counter.lastSyncAt = nowMs;
      ids.push(id);
      starts.push(counter.windowStartMs);
      deltas.push(counter.local);
      counter.sending += counter.local;
      counter.local = 0;
      counter.allowedSending += counter.allowedSinceSync;
      allowedSent.push(counter.allowedSinceSync);
      counter.allowedSinceSync = 0;
      sent.push(counter);
    }
    if (ids.length === 0) return;
    try {
      const rows = await this.sql<{ id: string; count: number }[]>`
        insert into rate_limit_windows (subject, window_start_ms, count)
        select * from unnest(${ids}::text[], ${starts}::bigint[], ${deltas}::int[])
        on conflict (subject, window_start_ms) do update set count = rate_limit_windows.count + excluded.count
        returning subject as id, count`;
      const totals = new Map(rows.map((row) => [row.id, row.count]));
      sent.forEach((counter, i) => {
        counter.sending -= deltas[i]!;
        counter.allowedSending -= allowedSent[i]!;
        counter.ownSynced += deltas[i]!;
        counter.synced = Math.max(counter.synced, totals.get(ids[i]!) ?? 0);
        if (counter.synced > counter.ownSynced) counter.shared = true;
      });
      this.failing = false;
    } catch (error) {
      sent.forEach((counter, i) => {
        counter.sending -= deltas[i]!;
        counter.local += deltas[i]!;
        counter.allowedSending -= allowedSent[i]!;
        counter.touched = true;
      });
      this.failing = true;
      this.schedule();
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.syncing;
    await this.sync();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
