import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { settings } from '@/lib/settings';
import { RateLimiter } from '@/lib/tokens/rate-limiter';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import { bearerActor } from '@/lib/api/bearer-actor';
import { verifyResponseJson, verifyToken } from '@/lib/tokens/verify-token';
import { inDays, seedActor, seedApiAccess } from '../support/fixtures';

// Each "instance" has a pool of its own, as two Keygate processes on one database do.
const pools: ReturnType<typeof postgres>[] = [];
const instance = (syncMs = 250) => {
  const sql = postgres(settings().DATABASE_URL!, { max: 2, onnotice: () => {} });
  pools.push(sql);
  return new RateLimiter(sql, syncMs);
};
/** A running server's pool is connected already: a first connection's set-up is not a sync's round trip. */
const warm = () => Promise.all(pools.map((sql) => sql`select 1`));
afterAll(() => Promise.all(pools.map((sql) => sql.end({ timeout: 5 }))));

const MINUTE = { windowSeconds: 60 };
// The limiter drops counters whose window has ended by the real clock: tests that sync ask about a
// day's window, so a slow run cannot cross into the next window while it asks about this one.
const DAY = { windowSeconds: 86_400 };
// A fixed instant inside a window, far from its end, so a test never straddles two windows.
const windowStart = (windowMs: number) => Math.floor(Date.now() / windowMs) * windowMs + 1_000;
let keys = 0;
const keyId = () => `ak_ratelimittest${String(++keys).padStart(4, '0')}`;

describe('RateLimiter (SPEC §7)', () => {
  it('allows `limit` requests per window, then refuses until the window resets, saying what is left and when', async () => {
    const limiter = instance();
    const id = keyId();
    const now = windowStart(60_000);
    const decisions = Array.from({ length: 6 }, () => limiter.take(id, { limit: 5, ...MINUTE }, now));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(decisions[0]!.resetMs).toBe(now - 1_000 + 60_000);
    // The next window starts again.
    expect(limiter.take(id, { limit: 5, ...MINUTE }, now + 60_000)).toMatchObject({ allowed: true, remaining: 4 });
    await limiter.stop();
  });

  it('shares the count between instances: the second one learns what the first has used', async () => {
    const [a, b] = [instance(), instance()];
    const id = keyId();
    const now = windowStart(86_400_000);
    for (let i = 0; i < 7; i++) expect(a.take(id, { limit: 10, ...DAY }, now).allowed).toBe(true);
    await a.sync();
    // b's first request of the window syncs at once (in the background); after it, b knows of a's 7.
    expect(b.take(id, { limit: 10, ...DAY }, now)).toMatchObject({ allowed: true, remaining: 9 });
    await b.sync();
    expect(b.take(id, { limit: 10, ...DAY }, now)).toMatchObject({ allowed: true, remaining: 1 });
    expect(b.take(id, { limit: 10, ...DAY }, now)).toMatchObject({ allowed: true, remaining: 0 });
    expect(b.take(id, { limit: 10, ...DAY }, now)).toMatchObject({ allowed: false });
    await Promise.all([a.stop(), b.stop()]);
  });

  it('keeps two instances taking as fast as they can within 10 % of the limit', async () => {
    const [a, b] = [instance(), instance()];
    await warm();
    const id = keyId();
    const limit = 2_000;
    const now = windowStart(86_400_000);
    let allowed = 0;
    // Bursts of 25 per instance every millisecond or so (some 50,000 requests a second in all),
    // with the event loop let through between them, as two busy servers are; until neither has
    // allowed anything for 2 s (the limit is reached and both know it, however slow the machine).
    for (let lastAllowed = Date.now(); Date.now() - lastAllowed < 2_000;) {
      for (const limiter of [a, b])
        for (let i = 0; i < 25; i++)
          if (limiter.take(id, { limit, ...DAY }, now).allowed) {
            allowed++;
            lastAllowed = Date.now();
          }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(allowed).toBeGreaterThanOrEqual(limit);
    expect(allowed).toBeLessThanOrEqual(limit * 1.1);
    // A loaded machine stretches every sync's round trip; the bound holds however long it takes.
  }, 90_000);

  it('costs an idle key nothing: only keys counted since the last sync are written', async () => {
    const limiter = instance(20);
    const id = keyId();
    const now = windowStart(86_400_000);
    limiter.take(id, { limit: 100, ...DAY }, now);
    await limiter.sync();
    const [before] = await pools[pools.length - 1]!<{ count: number }[]>`
      select count from rate_limit_windows where subject = ${id}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [after] = await pools[pools.length - 1]!<{ xmin: string }[]>`
      select xmin::text from rate_limit_windows where subject = ${id}`;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [later] = await pools[pools.length - 1]!<{ xmin: string }[]>`
      select xmin::text from rate_limit_windows where subject = ${id}`;
    expect(before?.count).toBe(1);
    expect(later?.xmin).toBe(after?.xmin);
    await limiter.stop();
  });
});

describe('rate limits on verification and the platform API (SPEC §3, §7)', () => {
  const asBearer = (token: string) =>
    bearerActor(
      new Request('http://keygate.test/api/v1/roles', {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.30' },
      }),
    );

  it('answers VALID with what is left until the limit, then RATE_LIMITED with retryAfter; the platform API gets 429', async () => {
    const admin = await seedActor();
    const created = await createApiAccess(admin, {
      name: `limited-${Date.now()}`,
      expiresAt: inDays(30),
      roles: [],
      rateLimit: { limit: 3, windowSeconds: 3_600 },
    });
    if (!created.ok) throw new Error(created.message);
    const { token } = created.data;
    const now = Date.now();
    const reset = new Date(now - (now % 3_600_000) + 3_600_000).toISOString();
    const first = await verifyToken({ token }, now);
    expect(first).toMatchObject({ code: 'VALID', rateLimit: { limit: 3, remaining: 2, reset } });
    // What the HTTP answer carries is exactly this answer (its JSON is spliced, not serialised whole).
    expect(verifyResponseJson(first)).toBe(JSON.stringify(first));
    // A refused permission still counts against the limit.
    expect(await verifyToken({ token, permission: 'deleteRole' }, now)).toEqual({ valid: false, code: 'FORBIDDEN' });
    expect(await verifyToken({ token }, now)).toMatchObject({ code: 'VALID', rateLimit: { remaining: 0 } });
    const limited = await verifyToken({ token }, now);
    expect(limited).toMatchObject({ valid: false, code: 'RATE_LIMITED' });
    expect((limited as { retryAfter: number }).retryAfter).toBe(Math.ceil((Date.parse(reset) - now) / 1000));
    const refused = await asBearer(token);
    expect(refused).toMatchObject({ ok: false, code: 'THROTTLED' });
    expect(refused.ok === false && refused.retryAfter).toBeGreaterThanOrEqual(1);

    // A key without a limit says nothing of one.
    const plain = await seedApiAccess({ actor: admin });
    expect(await verifyToken({ token: plain.token })).not.toHaveProperty('rateLimit');
  });
});
