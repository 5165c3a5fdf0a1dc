import type postgres from 'postgres';

type Sql = ReturnType<typeof postgres>;
// Days are counted as whole UTC days since the epoch: no date formatting on the hot path.
type Pending = { lastUsedAt: number; perDay: Map<number, number> };
const DAY_MS = 86_400_000;

/**
 * Counts uses of each key in memory and writes them in batches: one statement
 * per flush, so at most one write per key per interval, however busy the key.
 */
export class UsageRecorder {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly intervalMs = 5_000,
  ) {}

  /** `ms`: when it was used, in epoch milliseconds. */
  record(accessId: string, ms = Date.now()) {
    const day = Math.floor(ms / DAY_MS);
    const entry = this.pending.get(accessId);
    if (entry) {
      if (ms > entry.lastUsedAt) entry.lastUsedAt = ms;
      entry.perDay.set(day, (entry.perDay.get(day) ?? 0) + 1);
    } else {
      this.pending.set(accessId, { lastUsedAt: ms, perDay: new Map([[day, 1]]) });
    }
    this.schedule();
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes everything recorded so far; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((error) => console.error('Usage flush failed', error));
    return this.flushing;
  }

  private async write() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const rows: { id: string; day: string; n: number; last_used: string }[] = [];
    for (const [id, entry] of batch) {
      const lastUsed = new Date(entry.lastUsedAt).toISOString();
      for (const [day, n] of entry.perDay)
        rows.push({ id, day: new Date(day * DAY_MS).toISOString().slice(0, 10), n, last_used: lastUsed });
    }
    // The same order in every instance makes two flushes over the same keys less likely to deadlock; a failed flush is retried.
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.day < b.day ? -1 : 1));
    try {
      // Sent as text: a json-typed parameter would be serialised again by postgres.js, unless
      // drizzle has replaced that serialiser on the pool (it does on the shared one, not on others).
      await this.sql`
        with used as (
          select * from json_to_recordset(${JSON.stringify(rows)}::text::json) as t(id text, day date, n int, last_used timestamptz)
        ), touched as (
          update api_access a set last_used_at = greatest(a.last_used_at, u.last_used)
          from (select id, max(last_used) as last_used from used group by id) u
          where a.id = u.id
        )
        insert into api_access_usage (api_access_id, day, count)
        select id, day, n from used where exists (select 1 from api_access a where a.id = used.id)
        on conflict (api_access_id, day) do update set count = api_access_usage.count + excluded.count`;
    } catch (error) {
      // Put the counts back and try again later, even if the keys go quiet (a deleted key's counts simply vanish then).
      for (const [id, entry] of batch) for (const [day, count] of entry.perDay) this.merge(id, entry.lastUsedAt, day, count);
      this.schedule();
      throw error;
    }
  }

  private merge(id: string, lastUsedAt: number, day: number, count: number) {
    const entry = this.pending.get(id) ?? { lastUsedAt, perDay: new Map<number, number>() };
    if (lastUsedAt > entry.lastUsedAt) entry.lastUsedAt = lastUsedAt;
    entry.perDay.set(day, (entry.perDay.get(day) ?? 0) + count);
    this.pending.set(id, entry);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
