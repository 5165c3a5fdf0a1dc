import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLogs, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { type AppServer, startAppServer } from '../support/app-server';
import { rememberSecret, secretsIn } from '../support/log-secrets';
import { seedActor, seedApiAccess, seedUser } from '../support/fixtures';
import { signInOverHttp } from '../support/sign-in-over-http';

const METRICS_TOKEN = 'metrics-token-of-the-http-tests';
let admin: Actor;
let fastPath: AppServer;
let routeHandler: AppServer;
let withoutMetrics: AppServer;

beforeAll(async () => {
  admin = await seedActor();
  [fastPath, routeHandler, withoutMetrics] = await Promise.all([
    startAppServer({ METRICS_TOKEN }),
    startAppServer({ METRICS_TOKEN, KEYGATE_FAST_VERIFY: '0' }),
    startAppServer(),
  ]);
}, 180_000);
afterAll(async () => {
  // stop() fails the file when a server logged a secret (tests/support/app-server.ts).
  await Promise.all([fastPath?.stop(), routeHandler?.stop(), withoutMetrics?.stop()]);
});

const scrape = (server: AppServer, authorization?: string) =>
  fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {}, redirect: 'manual' });
const verify = (server: AppServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/tokens/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The value of one series of the Prometheus text, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('is 404 while METRICS_TOKEN is unset, whatever is sent (not a sign-in redirect)', async () => {
    for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}`]) {
      const response = await scrape(withoutMetrics, authorization);
      expect(response.status).toBe(404);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('is 401 without the token, or with another one (shorter, longer, another scheme)', async () => {
    for (const authorization of [
      undefined,
      'Bearer nope',
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(1)}`,
      `Basic ${METRICS_TOKEN}`,
    ]) {
      const response = await scrape(fastPath, authorization);
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).not.toContain('keygate_');
    }
  });

  it.each([
    ['the fast path', () => fastPath],
    ['the route handler', () => routeHandler],
  ])(
    'counts a verification on %s: by code, its duration, the cache, the HTTP status; with outbox, pool and process metrics',
    async (_label, server) => {
      const key = await seedApiAccess({ actor: admin, roleNames: [] });
      const before = await (await scrape(server(), `Bearer ${METRICS_TOKEN}`)).text();
      expect(await (await verify(server(), { token: key.token })).json()).toMatchObject({ code: 'VALID' });
      expect(await (await verify(server(), { token: key.token })).json()).toMatchObject({ code: 'VALID' });
      expect(await (await verify(server(), { token: 'kg_short' })).json()).toMatchObject({ code: 'MALFORMED' });

      const response = await scrape(server(), `Bearer ${METRICS_TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      const grew = (series: string, by: number) => expect((sample(text, series) ?? 0) - (sample(before, series) ?? 0), series).toBe(by);
      grew('keygate_verifications_total{code="VALID"}', 2);
      grew('keygate_verifications_total{code="MALFORMED"}', 1);
      grew('keygate_verification_duration_seconds_count', 3);
      grew('keygate_token_cache_misses_total', 1);
      grew('keygate_token_cache_hits_total', 1);
      expect(sample(text, 'keygate_http_requests_total{status="200"}')).toBeGreaterThanOrEqual(3);
      expect(sample(text, 'keygate_outbox_pending{kind="email"}')).toBe(0);
      expect(sample(text, 'keygate_outbox_pending{kind="webhook"}')).toBe(0);
      expect(sample(text, 'keygate_db_pool_max_connections{pool="main"}')).toBe(10);
      expect(sample(text, 'keygate_db_pool_max_connections{pool="token_lookup"}')).toBe(3);
      // The scrape's own query is on the main pool, so at least one of its connections is active.
      expect(sample(text, 'keygate_db_pool_connections{pool="main",state="active"}')).toBeGreaterThanOrEqual(1);
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ]) {
        expect(text).toContain(`\n${name} `);
      }
      expect(text).toContain('# TYPE keygate_verification_duration_seconds histogram');
    },
  );

  it('counts the webhook deliveries waiting in the outbox', async () => {
    const [endpoint] = await db
      .insert(webhookEndpoints)
      .values({
        url: 'https://receiver.example/hook',
        events: ['*'],
        secretBox: 'unused',
        createdByKind: 'user',
        createdById: 'test',
        createdByName: 'Test',
      })
      .returning();
    // Due in an hour: no instance's worker tries them while the test looks.
    const later = new Date(Date.now() + 3_600_000);
    await db
      .insert(webhookDeliveries)
      .values(
        ['msg_metrics_1', 'msg_metrics_2'].map((webhookId) => ({
          endpointId: endpoint!.id,
          webhookId,
          eventType: 'api_access.created',
          payload: '{}',
          nextAttemptAt: later,
        })),
      );
    try {
      const text = await (await scrape(fastPath, `Bearer ${METRICS_TOKEN}`)).text();
      expect(sample(text, 'keygate_outbox_pending{kind="webhook"}')).toBe(2);
    } finally {
      await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint!.id));
    }
  });
});

describe('X-Request-Id', () => {
  const paths = [
    ['the fast path', () => verify(fastPath, { token: 'kg_short' }, headers)],
    ['the route handler', () => verify(routeHandler, { token: 'kg_short' }, headers)],
    ['a REST route', () => fetch(`${fastPath.url}/api/v1/api-access`, { headers })],
    ['a page', () => fetch(`${fastPath.url}/login`, { headers })],
    ['a sign-in redirect', () => fetch(`${fastPath.url}/access-management`, { headers, redirect: 'manual' })],
    ['/metrics', () => fetch(`${fastPath.url}/metrics`, { headers })],
  ] as const;
  let headers: Record<string, string> = {};

  it.each(paths)('keeps a valid incoming id on %s', async (_label, send) => {
    headers = { 'x-request-id': 'trace-0af7651916cd43dd:span.1' };
    expect((await send()).headers.get('x-request-id')).toBe('trace-0af7651916cd43dd:span.1');
  });

  it.each(paths)('makes a new one on %s when none or an invalid one is sent', async (_label, send) => {
    const seen = new Set<string>();
    for (const given of [undefined, 'x'.repeat(129), 'two words', '"quoted"']) {
      headers = given === undefined ? {} : { 'x-request-id': given };
      const id = (await send()).headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      seen.add(id!);
    }
    expect(seen.size).toBe(4);
  });

  it('is in the log lines of its request', async () => {
    await fetch(`${fastPath.url}/login`, { headers: { 'x-request-id': 'logged-request-1' } });
    await expect
      .poll(
        () =>
          fastPath
            .output()
            .split('\n')
            .filter((line) => line.includes('logged-request-1')),
        { timeout: 2000 },
      )
      .not.toEqual([]);
    const lines = fastPath
      .output()
      .split('\n')
      .filter((line) => line.includes('logged-request-1'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'debug', requestId: 'logged-request-1', path: '/login', status: 200 }));
    // The fast path too, at debug: one line per verification, with its id and no token.
    await verify(fastPath, { token: 'kg_short' }, { 'x-request-id': 'logged-verification-2' });
    await expect.poll(() => fastPath.output().includes('"requestId":"logged-verification-2"'), { timeout: 2000 }).toBe(true);
  });

  it('is in the audit entries the request writes, on the Audit Log page and in its CSV export', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] });
    const created = await fetch(`${fastPath.url}/api/v1/api-access`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.token}`, 'content-type': 'application/json', 'x-request-id': 'audit-request-7' },
      body: JSON.stringify({ name: 'made-with-an-id', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
    });
    expect(created.status).toBe(201);
    const made = (await created.json()) as { token: string };
    rememberSecret(made.token);
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.targetName, 'made-with-an-id')).orderBy(desc(auditLogs.id));
    expect(entry).toMatchObject({ action: 'apiAccess.create', requestId: 'audit-request-7' });

    const user = await seedUser();
    // A sign-in, through next-auth's route: its audit entry carries the id of the request that signed in.
    const cookie = await signInOverHttp(fastPath.url, user.email, user.password, { 'x-request-id': 'sign-in-request-3' });
    const [signIn] = await db.select().from(auditLogs).where(eq(auditLogs.targetName, user.email)).orderBy(desc(auditLogs.id));
    expect(signIn).toMatchObject({ action: 'auth.sign_in', requestId: 'sign-in-request-3' });
    rememberSecret(cookie.split('=').slice(1).join('='));
    const page = await (await fetch(`${fastPath.url}/access-management/audit-log?target=made-with-an-id`, { headers: { cookie } })).text();
    expect(page).toContain('audit-request-7');
    const csv = await (
      await fetch(`${fastPath.url}/access-management/audit-log/export?target=made-with-an-id`, { headers: { cookie } })
    ).text();
    const [header, row] = parse(csv) as string[][];
    expect(header!.at(-1)).toBe('Request id');
    expect(row!.at(-1)).toBe('audit-request-7');
  });
});

describe('the logs', () => {
  it('are one JSON object per line, each with level, time and message', () => {
    for (const server of [fastPath, routeHandler, withoutMetrics]) {
      const lines = server.output().split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines)
        expect(JSON.parse(line), line).toMatchObject({ level: expect.any(String), time: expect.any(String), message: expect.any(String) });
    }
  });

  it('hold no token, digest, password or other secret used in this file so far (stop() checks the rest)', () => {
    for (const server of [fastPath, routeHandler, withoutMetrics]) expect(secretsIn(server.output())).toEqual([]);
    // The check itself finds what it looks for.
    expect(secretsIn(`{"message":"kg_${'a'.repeat(49)}"}`)).toHaveLength(1);
  });
});
