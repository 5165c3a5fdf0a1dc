import type postgres from 'postgres';
import { DAY_MS } from '@/lib/time';
import { BOOKKEEPING_ONLY } from './token-verifier';
import { log } from '@/lib/log/logger';

type Sql = ReturnType<typeof postgres>;
type Use = { count: number; lastUsedAt: number };
// Days are whole UTC days since the epoch, and times epoch milliseconds: the database turns
// them into dates, so neither recording nor flushing formats a date.

/**
 * Counts uses of each key in memory and writes them in batches: one statement
 * per flush, so at most one write per key per interval, however busy the key.
 * A flush of many keys must not stall the event loop that serves verifications:
 * it sends columns as arrays rather than rows as JSON objects.
 */
export class UsageRecorder {
  // day → Access ID → uses that day: a use of a key already counted allocates nothing.
  private pending = new Map<number, Map<string, Use>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly intervalMs = 5_000,
  ) {}

  /** `ms`: when it was used, in epoch milliseconds. */
  record(accessId: string, ms = Date.now()) {
    this.add(accessId, Math.floor(ms / DAY_MS), 1, ms);
    this.schedule();
  }

  private add(accessId: string, day: number, count: number, lastUsedAt: number) {
    let uses = this.pending.get(day);
    if (!uses) this.pending.set(day, (uses = new Map()));
    const use = uses.get(accessId);
    if (!use) {
      uses.set(accessId, { count, lastUsedAt });
      return;
    }
    use.count += count;
    if (lastUsedAt > use.lastUsedAt) use.lastUsedAt = lastUsedAt;
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes everything recorded so far; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((error) => log().error({ err: error }, 'Usage flush failed'));
    return this.flushing;
  }

  private async write() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids: string[] = [];
    const days: number[] = [];
    const counts: number[] = [];
    const lastUsed: number[] = [];
    // The same order in every instance (by key, then day) makes two flushes over the same keys
    // less likely to deadlock; a failed flush is retried.
    const daysInOrder = [...batch.keys()].sort((a, b) => a - b);
    const idsInOrder = [...new Set(daysInOrder.flatMap((day) => [...batch.get(day)!.keys()]))].sort();
    for (const id of idsInOrder)
      for (const day of daysInOrder) {
        const use = batch.get(day)!.get(id);
        if (!use) continue;
        ids.push(id);
        days.push(day);
        counts.push(use.count);
        lastUsed.push(use.lastUsedAt);
      }
    try {
      await this.sql.begin(async (sql) => {
        await sql.unsafe(BOOKKEEPING_ONLY);
        await sql`
        with used as (
          select * from unnest(${ids}::text[], ${days}::int[], ${counts}::int[], ${lastUsed}::float8[]) as t(id, day, n, last_used_ms)
        ), live as (
          -- Locked against deletion until the insert commits: a key being deleted meanwhile is waited
          -- for and then skipped (its counts go with it), never a foreign-key failure of the whole flush.
          select id from api_access where id in (select id from used) order by id for key share
        ), totals as (
          -- Every key's uses per day (the overview), in the same statement: one row per day, in day order.
          insert into api_access_usage_totals (day, count)
          select date '1970-01-01' + day, sum(n) from used join live using (id) group by day order by day
          on conflict (day) do update set count = api_access_usage_totals.count + excluded.count
        ), touched as (
          update api_access a set last_used_at = greatest(a.last_used_at, to_timestamp(u.last_used_ms / 1000))
          from (select id, max(last_used_ms) as last_used_ms from used group by id order by id) u
          where a.id = u.id
        )
        insert into api_access_usage (api_access_id, day, count)
        select id, date '1970-01-01' + day, n from used join live using (id)
        on conflict (api_access_id, day) do update set count = api_access_usage.count + excluded.count`;
      });
    } catch (error) {
      // Put the counts back and try again later, even if the keys go quiet (a deleted key's counts simply vanish then).
      for (const [day, uses] of batch) for (const [id, use] of uses) this.add(id, day, use.count, use.lastUsedAt);
      this.schedule();
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
