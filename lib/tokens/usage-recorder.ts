import type postgres from 'postgres';

type Sql = ReturnType<typeof postgres>;
type Pending = { lastUsedAt: Date; perDay: Map<string, number> };

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
    private readonly intervalMs = 2_000,
  ) {}

  record(accessId: string, at = new Date()) {
    const entry = this.pending.get(accessId) ?? { lastUsedAt: at, perDay: new Map<string, number>() };
    if (at > entry.lastUsedAt) entry.lastUsedAt = at;
    const day = at.toISOString().slice(0, 10);
    entry.perDay.set(day, (entry.perDay.get(day) ?? 0) + 1);
    this.pending.set(accessId, entry);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
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
      for (const [day, n] of entry.perDay) rows.push({ id, day, n, last_used: entry.lastUsedAt.toISOString() });
    }
    try {
      await this.sql`
        with used as (
          select * from json_to_recordset(${JSON.stringify(rows)}::json) as t(id text, day date, n int, last_used timestamptz)
        ), touched as (
          update api_access a set last_used_at = greatest(a.last_used_at, u.last_used)
          from (select id, max(last_used) as last_used from used group by id) u
          where a.id = u.id
        )
        insert into api_access_usage (api_access_id, day, count)
        select id, day, n from used where exists (select 1 from api_access a where a.id = used.id)
        on conflict (api_access_id, day) do update set count = api_access_usage.count + excluded.count`;
    } catch (error) {
      // Put the counts back so the next flush retries them (a deleted key's counts simply vanish then).
      for (const [id, entry] of batch) for (const [day, count] of entry.perDay) this.merge(id, entry.lastUsedAt, day, count);
      throw error;
    }
  }

  private merge(id: string, lastUsedAt: Date, day: string, count: number) {
    const entry = this.pending.get(id) ?? { lastUsedAt, perDay: new Map<string, number>() };
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
