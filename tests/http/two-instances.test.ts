// Several Keygate instances on one PostgreSQL (issue #11, item 4): changes made through one
// instance's REST API reach the others' verification answers within a second, and two
// instances' expiry schedulers plus a cron call, all at once, send each notice once.
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, expiryNotices, notificationEmails } from '@/db/schema';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import type { Actor } from '@/lib/auth/actor';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { startFakeResend } from '../support/fake-resend';
import { inDays, roleId, seedActor, seedApiAccess, seedUser } from '../support/fixtures';

const CRON_SECRET = 'two-instances-cron-secret';
/** How soon another instance must refuse a revoked token or answer with a role's new grants. */
const DEADLINE_MS = 1000;

let resend: Awaited<ReturnType<typeof startFakeResend>>;
let admin: Actor;
/** The REST API's actor: a key holding ADMIN, used only through instance A. */
let operator: { token: string };
/**
 * A and B answer verification on the fast path; C, a third instance, through Next's route
 * handler (KEYGATE_FAST_VERIFY=0), so both ways of answering are held to the same deadline.
 */
let a: AppServer;
let b: AppServer;
let c: AppServer;
/** D: a verification-only instance (`npm run start:verify`, no Next in the process). */
let d: AppServer;

beforeAll(async () => {
  resend = await startFakeResend();
  admin = await seedActor();
  operator = await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] });
  // The expiry job runs in A and B every 200 ms from the start, so that when notices fall due
  // both schedulers are at them within a fraction of a second of the cron call. Each instance
  // sends with its own Resend key, so the stand-in can tell which process sent an email.
  const mail = (apiKey: string) => ({
    KEYGATE_SCHEDULER: 'on',
    KEYGATE_SCHEDULER_FIRST_RUN_MS: '200',
    KEYGATE_SCHEDULER_INTERVAL_MS: '200',
    KEYGATE_EMAIL_INTERVAL_MS: '0',
    RESEND_API_KEY: apiKey,
    RESEND_BASE_URL: resend.url,
    CRON_SECRET,
    APP_URL: 'https://keygate.example.com',
  });
  [a, b, c] = await Promise.all([
    startAppServer(mail('re_instance_a')),
    startAppServer(mail('re_instance_b')),
    startAppServer({ KEYGATE_FAST_VERIFY: '0' }),
  ]);
  d = await startAppServer({}, { verifyOnly: true });
  // Next loads a route on its first request: done now, so that the cron call below starts as soon as it is sent.
  const idle = await fetch(`${b.url}/api/cron/expiry-notifications`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(await idle.json()).toEqual({ sent: 0, skipped: 0, failed: 0 });
}, 180_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), c?.stop(), d?.stop()]);
  await resend?.close();
});

type VerifyAnswer = { valid: boolean; code: string; permissions?: string[]; accessId?: string };

async function verifyAt(server: AppServer, token: string, permission?: string): Promise<VerifyAnswer> {
  const response = await fetch(`${server.url}/api/v1/tokens/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(permission ? { token, permission } : { token }),
  });
  return (await expectContract('POST', '/api/v1/tokens/verify', response)) as VerifyAnswer;
}

/** A call to instance A's REST API as the operator key; the answer's body and when it arrived. */
async function callA(method: string, path: string, body?: unknown) {
  const sent = performance.now();
  const response = await fetch(`${a.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${operator.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answered = performance.now();
  const json = await expectContract(
    method,
    path.replace(/\/api-access\/[^/]+/, '/api-access/{accessId}').replace(/\/roles\/[^/]+/, '/roles/{id}'),
    response,
  );
  return { status: response.status, json, sent, answered };
}

const servers = () =>
  [
    ['B (fast path)', b],
    ['C (route handler)', c],
    ['D (verification only)', d],
    ['A (where the change was made)', a],
  ] as const;

/**
 * Asks again and again until `settled(answer)`, for at most DEADLINE_MS after `since`: the
 * milliseconds from `since` to the first settled answer and how many answers it took, or null
 * when the deadline passed. Its resolution is one round trip (a few milliseconds).
 */
async function delayUntil(since: number, ask: () => Promise<VerifyAnswer>, settled: (answer: VerifyAnswer) => boolean) {
  for (let polls = 1; ; polls++) {
    const answer = await ask();
    const at = performance.now();
    if (settled(answer)) return { ms: at - since, polls };
    if (at - since > DEADLINE_MS) return null;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * After a change made through A, polls every instance at once until each answers as `settled`
 * wants; reports each delay after A's answer and asserts each came within DEADLINE_MS.
 */
async function expectEverywhereWithinDeadline(
  what: string,
  change: { sent: number; answered: number },
  ask: (server: AppServer) => Promise<VerifyAnswer>,
  settled: (answer: VerifyAnswer) => boolean,
) {
  const delays = await Promise.all(servers().map(([, server]) => delayUntil(change.answered, () => ask(server), settled)));
  const described = servers().map(([label], index) => {
    const delay = delays[index];
    if (!delay) return `${label}: NOT within ${DEADLINE_MS} ms`;
    return `${label}: ${delay.ms.toFixed(0)} ms (${delay.polls === 1 ? 'first answer' : `answer ${delay.polls}`})`;
  });
  console.log(
    `${what} (A answered the change in ${(change.answered - change.sent).toFixed(0)} ms), after A's answer: ${described.join(', ')}`,
  );
  servers().forEach(([label], index) => expect(delays[index], `${label} had not ${what} within ${DEADLINE_MS} ms`).not.toBeNull());
}

/** Creates a key through A's REST API and checks that every instance verifies it at once (and so caches it as valid). */
async function createThroughA(roles: string[] = []) {
  const created = await callA('POST', '/api/v1/api-access', {
    name: `two-instances-${Math.random().toString(36).slice(2, 8)}`,
    expiresAt: inDays(30).toISOString(),
    roles,
  });
  expect(created.status).toBe(201);
  const key = created.json as { id: string; token: string };
  for (const [label, server] of servers()) expect((await verifyAt(server, key.token)).code, label).toBe('VALID');
  return key;
}

const refused = (answer: VerifyAnswer) => answer.code === 'NOT_FOUND';

describe('a verification-only instance', () => {
  it('answers health, readiness and metrics like a full one, and nothing of the console or the REST API', async () => {
    expect(await (await fetch(`${d.url}/api/health`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${d.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const path of ['/', '/access-management', '/api/v1/api-access']) {
      const response = await fetch(`${d.url}${path}`, { headers: { authorization: `Bearer ${operator.token}` } });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toContain('only verifies tokens');
    }
    const get = await fetch(`${d.url}/api/v1/tokens/verify`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    // METRICS_TOKEN is unset here: /metrics is as absent as on a full instance.
    expect((await fetch(`${d.url}/metrics`)).status).toBe(404);
  });
});

describe('a change made through instance A reaches B (fast path), C (route handler) and D (verification only)', () => {
  it('a key created through A verifies on B, C and D; regenerated through A, its old token is refused everywhere within a second and the new one works', async () => {
    const key = await createThroughA();
    const regenerated = await callA('POST', `/api/v1/api-access/${key.id}/regenerate`, { expiresAt: inDays(60).toISOString() });
    expect(regenerated.status).toBe(200);
    await expectEverywhereWithinDeadline(
      'refused the old token after a regenerate',
      regenerated,
      (server) => verifyAt(server, key.token),
      refused,
    );
    const { token } = regenerated.json as { token: string };
    for (const [label, server] of servers()) expect(await verifyAt(server, token), label).toMatchObject({ valid: true, accessId: key.id });
  });

  it('a key deleted through A is refused everywhere within a second', async () => {
    const key = await createThroughA();
    const deleted = await callA('DELETE', `/api/v1/api-access/${key.id}`);
    expect(deleted.status).toBe(204);
    await expectEverywhereWithinDeadline('refused the token after a delete', deleted, (server) => verifyAt(server, key.token), refused);
  });

  it('a key disabled through A answers DISABLED everywhere within a second, and enabled again VALID', async () => {
    const key = await createThroughA();
    const disabled = await callA('PATCH', `/api/v1/api-access/${key.id}`, { enabled: false });
    expect(disabled).toMatchObject({ status: 200, json: { enabled: false, status: 'Disabled' } });
    await expectEverywhereWithinDeadline(
      'answered DISABLED after a disable',
      disabled,
      (server) => verifyAt(server, key.token),
      (answer) => answer.code === 'DISABLED',
    );
    const enabled = await callA('PATCH', `/api/v1/api-access/${key.id}`, { enabled: true });
    await expectEverywhereWithinDeadline(
      'answered VALID after an enable',
      enabled,
      (server) => verifyAt(server, key.token),
      (answer) => answer.code === 'VALID',
    );
  });

  it("a permission taken out of a role through A is gone from B's, C's and D's answers within a second, and one given back returns", async () => {
    const createdRole = await callA('POST', '/api/v1/roles', {
      name: `Two instances ${Math.random().toString(36).slice(2, 8)}`,
      grants: [{ permission: 'listApiAccess' }, { permission: 'getRole' }],
    });
    expect(createdRole.status).toBe(201);
    const role = createdRole.json as { id: string };
    const key = await createThroughA([role.id]);
    for (const [label, server] of servers()) {
      expect(await verifyAt(server, key.token), label).toMatchObject({ code: 'VALID', permissions: ['listApiAccess', 'getRole'] });
      expect((await verifyAt(server, key.token, 'getRole')).code, label).toBe('VALID');
    }

    const removed = await callA('PATCH', `/api/v1/roles/${role.id}`, { grants: [{ permission: 'listApiAccess' }] });
    expect(removed.status).toBe(200);
    await expectEverywhereWithinDeadline(
      'answered FORBIDDEN for getRole after the role lost it',
      removed,
      (server) => verifyAt(server, key.token, 'getRole'),
      (answer) => answer.code === 'FORBIDDEN',
    );
    for (const [label, server] of servers()) {
      expect(await verifyAt(server, key.token), label).toMatchObject({ code: 'VALID', permissions: ['listApiAccess'] });
    }

    const restored = await callA('PATCH', `/api/v1/roles/${role.id}`, {
      grants: [{ permission: 'listApiAccess' }, { permission: 'getRole' }],
    });
    expect(restored.status).toBe(200);
    await expectEverywhereWithinDeadline(
      'answered VALID for getRole after the role got it back',
      restored,
      (server) => verifyAt(server, key.token, 'getRole'),
      (answer) => answer.code === 'VALID',
    );
  });
});

describe('expiry notices with several senders', () => {
  const AUTHORS = 12;

  it("both instances' schedulers and a cron call, started together, send each notice once", async () => {
    // Each author has two keys whose 30-day notice falls due at the same moment: one email each, naming both.
    const authors = await Promise.all(
      Array.from({ length: AUTHORS }, async (_, i) => {
        const user = await seedUser();
        const actor = (await loadUserActor(user.id, '203.0.113.7'))!;
        const keys: { id: string; name: string }[] = [];
        for (const n of [1, 2]) {
          const created = await createApiAccess(actor, {
            name: `notice-${i}-${n}`,
            expiresAt: inDays(20),
            roles: [await roleId('READ_ONLY')],
          });
          if (!created.ok) throw new Error(created.message);
          keys.push({ id: created.data.apiAccess.id, name: created.data.apiAccess.name });
        }
        return { email: user.email, keys };
      }),
    );
    const ids = authors.flatMap((author) => author.keys.map((key) => key.id));
    // Each answer takes 150 ms, so one sender alone would need about 2 s: the others are at it meanwhile.
    resend.script(...Array.from({ length: 4 * AUTHORS }, () => ({ status: 200, delayMs: 150 })));

    // As if created 40 days ago: their 30-day notices are due now. The schedulers' next tick and the cron call start together.
    await db
      .update(apiAccess)
      .set({ validFrom: sql`now() - interval '40 days'`, noticeCheckAt: sql`now()` })
      .where(inArray(apiAccess.id, ids));
    const callCron = () => fetch(`${b.url}/api/cron/expiry-notifications`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    // The cron call at the same moment may find every notice locked by a scheduler that is planning
    // them, and return with nothing done; a second one, while the emails go out, joins the senders.
    const crons = [callCron(), new Promise((resolve) => setTimeout(resolve, 500)).then(callCron)];

    await expect.poll(() => resend.delivered().length, { timeout: 30_000 }).toBe(AUTHORS);
    const cronCounts: { sent: number; skipped: number; failed: number }[] = [];
    for (const response of await Promise.all(crons)) {
      expect(response.status).toBe(200);
      cronCounts.push(await response.json());
    }
    // Several more scheduler ticks in both instances: a second send would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const senders = new Map<string, number>();
    for (const attempt of resend.attempts) senders.set(attempt.apiKey ?? '?', (senders.get(attempt.apiKey ?? '?') ?? 0) + 1);
    console.log(
      `expiry notices: ${resend.attempts.length} requests to Resend for ${AUTHORS} emails (${2 * AUTHORS} notices); sent by ${[...senders]
        .map(([key, n]) => `${key}: ${n}`)
        .join(
          ', ',
        )}; the cron calls (in B) at once and 500 ms later sent ${cronCounts.map((counts) => counts.sent).join(' and ')} of the notices`,
    );
    // The race really was run: more than one process sent some of the emails.
    expect(senders.size, 'only one instance sent anything: the senders did not overlap').toBeGreaterThan(1);

    // Each email was asked of Resend once (not merely deduplicated by Resend's idempotency).
    const perKey = new Map<string, number>();
    for (const attempt of resend.attempts) perKey.set(attempt.idempotencyKey ?? '', (perKey.get(attempt.idempotencyKey ?? '') ?? 0) + 1);
    expect(
      [...perKey.values()].filter((n) => n > 1),
      'emails sent more than once',
    ).toEqual([]);
    expect(perKey.size).toBe(AUTHORS);
    // Each author got exactly one 30-day email, naming both of their keys.
    for (const author of authors) {
      const theirs = resend.attempts.filter((attempt) => attempt.email.to === author.email);
      expect(theirs, author.email).toHaveLength(1);
      expect(theirs[0]!.email.subject).toBe('2 of your API Access keys expire within 30 days');
      for (const key of author.keys) expect(theirs[0]!.email.text).toContain(key.name);
    }
    for (const counts of cronCounts) expect(counts.failed).toBe(0);
    // And the detail views say so: every notice Sent, once.
    const notices = await db.select().from(expiryNotices).where(inArray(expiryNotices.apiAccessId, ids));
    expect(notices).toHaveLength(2 * AUTHORS);
    expect(new Set(notices.map((notice) => notice.status))).toEqual(new Set(['queued']));
    const emails = await db
      .select({ status: notificationEmails.status, attempts: notificationEmails.attempts })
      .from(notificationEmails)
      .where(
        inArray(
          notificationEmails.recipientEmail,
          authors.map((author) => author.email),
        ),
      );
    expect(emails).toEqual(Array.from({ length: AUTHORS }, () => ({ status: 'sent', attempts: 1 })));
  }, 120_000);
});
