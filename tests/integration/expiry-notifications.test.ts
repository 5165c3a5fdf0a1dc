import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, notificationEmails, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { listKeyNotices } from '@/lib/notifications/queries';
import { runExpiryNotifications } from '@/lib/notifications/run-expiry-notifications';
import { startFakeResend } from '../support/fake-resend';
import { seedApiAccess, seedUser } from '../support/fixtures';
import { DAY_MS, HOUR_MS } from '@/lib/time';

let resend: Awaited<ReturnType<typeof startFakeResend>>;
let author: Actor;
let authorEmail: string;
const waits: number[] = [];

beforeAll(async () => {
  resend = await startFakeResend();
  process.env.RESEND_API_KEY = 're_test_key';
  process.env.RESEND_BASE_URL = resend.url;
  process.env.KEYGATE_EMAIL_INTERVAL_MS = '0';
  process.env.KEYGATE_EMAIL_TIMEOUT_MS = '300';
  process.env.APP_URL = 'https://keygate.example.com/';
});
afterAll(() => resend.close());

beforeEach(async () => {
  await db.delete(apiAccess);
  await db.delete(notificationEmails);
  resend.reset();
  waits.length = 0;
  const user = await seedUser({ roleNames: ['ADMIN'] });
  authorEmail = user.email;
  author = (await loadUserActor(user.id, '203.0.113.7'))!;
});

/** The job at an injected instant; waits are recorded, not slept. */
const runAt = (now: Date) =>
  runExpiryNotifications({
    now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

/** A key of `actor` (the author unless given), expiring `expiresInMs` from now. */
const createKey = async (name: string, expiresInMs: number, actor: Actor = author) =>
  (await seedApiAccess({ actor, name, expiresAt: new Date(Date.now() + expiresInMs) })).apiAccess;

const subjects = () => resend.delivered().map((email) => email.subject);

describe('expiry notifications', () => {
  it('sends each threshold exactly once, at its moment, to the author', async () => {
    const key = await createKey('orders-service', 60 * DAY_MS);
    const at = (left: number) => new Date(key.expiresAt.getTime() - left);

    expect(await runAt(at(31 * DAY_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await runAt(at(29 * DAY_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await runAt(at(28 * DAY_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await runAt(at(7 * DAY_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    await runAt(at(2 * DAY_MS));
    expect(await runAt(at(1 * DAY_MS - HOUR_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await runAt(at(-HOUR_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(await runAt(at(-2 * DAY_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });

    expect(subjects()).toEqual([
      'API Access “orders-service” expires within 30 days',
      'API Access “orders-service” expires within 7 days',
      'API Access “orders-service” expires within 24 hours',
      'API Access “orders-service” has expired',
    ]);
    expect(resend.delivered().every((email) => email.to === authorEmail || (email.to as string[])[0] === authorEmail)).toBe(true);
    const [first] = resend.delivered();
    expect(first!.html).toContain(`https://keygate.example.com/access-management/api-access/${key.id}`);
    expect(first!.html).toContain(`https://keygate.example.com/access-management/api-access/${key.id}/regenerate`);
    expect(first!.html).toContain(key.id);
    expect(first!.text).toContain(`${key.expiresAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`);
    expect(first!.text).toContain('orders-service');
    const notices = await listKeyNotices(key.id);
    expect(notices.map((notice) => [notice.threshold, notice.status, notice.recipient?.email])).toEqual([
      ['expired', 'Sent', authorEmail],
      ['1d', 'Sent', authorEmail],
      ['7d', 'Sent', authorEmail],
      ['30d', 'Sent', authorEmail],
    ]);
  });

  it('lists every due key of a recipient in one email per threshold', async () => {
    const a = await createKey('alpha', 40 * DAY_MS);
    await createKey('beta', 40 * DAY_MS + HOUR_MS);
    expect(await runAt(new Date(a.expiresAt.getTime() - 20 * DAY_MS))).toEqual({ sent: 2, skipped: 0, failed: 0 });
    expect(resend.delivered()).toHaveLength(1);
    expect(subjects()).toEqual(['2 of your API Access keys expire within 30 days']);
    expect(resend.delivered()[0]!.text).toMatch(/alpha[\s\S]*beta/);
  });

  it('puts all of a recipient’s due keys in one email, however many', async () => {
    const expiresAt = new Date(Date.now() + 20 * DAY_MS);
    await db.insert(apiAccess).values(
      Array.from({ length: 250 }, (_, i) => ({
        id: `ak_${'a'.repeat(17)}${String(i)
          .padStart(3, '0')
          .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`,
        name: `bulk-${i}`,
        tokenDigest: `${i}`.padStart(64, '0'),
        tokenStart: 'kg_aaaaa',
        expiresAt,
        validFrom: new Date(Date.now() - 100 * DAY_MS),
        noticeCheckAt: new Date(),
        createdByKind: 'user' as const,
        createdById: author.id,
        createdByName: author.name,
        authorUserId: author.id,
      })),
    );
    expect(await runAt(new Date())).toEqual({ sent: 250, skipped: 0, failed: 0 });
    expect(resend.delivered()).toHaveLength(1);
    expect(resend.delivered()[0]!.subject).toBe('250 of your API Access keys expire within 30 days');
  });

  it('sends only the nearest window to a key first seen inside it (5 days left: the 7-day notice)', async () => {
    const key = await createKey('first-seen-late', 60 * DAY_MS);
    await runAt(new Date(key.expiresAt.getTime() - 5 * DAY_MS));
    await runAt(new Date(key.expiresAt.getTime() - 4 * DAY_MS));
    expect(subjects()).toEqual(['API Access “first-seen-late” expires within 7 days']);
  });

  it('skips thresholds not shorter than the validity: created 5 days before expiry, no 30- or 7-day notice', async () => {
    const key = await createKey('short-lived', 5 * DAY_MS);
    for (const left of [5 * DAY_MS - HOUR_MS, 4 * DAY_MS, 2 * DAY_MS, 12 * HOUR_MS, -HOUR_MS])
      await runAt(new Date(key.expiresAt.getTime() - left));
    expect(subjects()).toEqual(['API Access “short-lived” expires within 24 hours', 'API Access “short-lived” has expired']);
  });

  it('never announces an expiry older than 72 hours (expired 4 days ago at the first run)', async () => {
    const key = await createKey('long-gone', 2 * DAY_MS);
    expect(await runAt(new Date(key.expiresAt.getTime() + 4 * DAY_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(resend.attempts).toHaveLength(0);
  });

  it('starts a new cycle on regeneration, and cancels a notice of the old expiration not yet sent', async () => {
    const key = await createKey('rotating', 60 * DAY_MS);
    await runAt(new Date(key.expiresAt.getTime() - 29 * DAY_MS));
    expect(resend.delivered()).toHaveLength(1);

    // The 7-day notice fails to send, then the key is regenerated before the retry.
    resend.script({ status: 500 });
    const sevenDays = new Date(key.expiresAt.getTime() - 6 * DAY_MS);
    expect(await runAt(sevenDays)).toEqual({ sent: 0, skipped: 0, failed: 1 });
    const regenerated = await regenerateApiAccess(author, { id: key.id, expiresAt: new Date(Date.now() + 90 * DAY_MS) });
    if (!regenerated.ok) throw new Error(regenerated.message);
    expect(await runAt(new Date(sevenDays.getTime() + HOUR_MS))).toEqual({ sent: 0, skipped: 1, failed: 0 });

    const newExpiry = regenerated.data.apiAccess.expiresAt;
    expect(await runAt(new Date(newExpiry.getTime() - 29 * DAY_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(resend.delivered()).toHaveLength(2);
    expect(resend.delivered()[1]!.text).toContain(newExpiry.toISOString().slice(0, 19).replace('T', ' '));
    const statuses = (await listKeyNotices(key.id)).map((notice) => `${notice.threshold} ${notice.status}`);
    expect(statuses).toEqual(expect.arrayContaining(['30d Sent', '7d Cancelled']));
  });

  it('sends nothing more for a deleted key, even an email that failed before', async () => {
    const kept = await createKey('kept', 20 * DAY_MS);
    const doomed = await createKey('doomed', 20 * DAY_MS);
    resend.script({ status: 503 });
    const now = new Date(kept.expiresAt.getTime() - 6 * DAY_MS);
    expect(await runAt(now)).toEqual({ sent: 0, skipped: 0, failed: 2 });
    const firstKey = resend.attempts[0]!.idempotencyKey;
    expect((await deleteApiAccess(author, { id: doomed.id })).ok).toBe(true);
    expect(await runAt(new Date(now.getTime() + HOUR_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    const [email] = resend.delivered();
    expect(email!.text).toContain('kept');
    expect(email!.text).not.toContain('doomed');
    // A different set of keys is a different email, under a different idempotency key.
    expect(resend.attempts[1]!.idempotencyKey).not.toBe(firstKey);
    await deleteApiAccess(author, { id: kept.id });
    expect(await runAt(new Date(kept.expiresAt.getTime() - 12 * HOUR_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });

  it('sends each notice once when three runs overlap', async () => {
    for (let i = 0; i < 6; i++) await createKey(`parallel-${i}`, 20 * DAY_MS);
    const other = await seedUser({ roleNames: ['ADMIN'] });
    const otherActor = (await loadUserActor(other.id, '203.0.113.8'))!;
    for (let i = 0; i < 3; i++) await createKey(`other-${i}`, 20 * DAY_MS, otherActor);
    const now = new Date(Date.now() + 14 * DAY_MS);
    const runs = await Promise.all([runAt(now), runAt(now), runAt(now)]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(9);
    expect(resend.attempts).toHaveLength(2);
    expect(
      resend
        .delivered()
        .map((email) => email.to)
        .sort(),
    ).toEqual([authorEmail, other.email].sort());
    expect(await runAt(now)).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });

  it('retries a 500, a timeout and a 429 until each email arrives once, always with the same Idempotency-Key', async () => {
    const key = await createKey('flaky-provider', 20 * DAY_MS);
    const start = new Date(key.expiresAt.getTime() - 6 * DAY_MS);
    resend.script(
      { status: 500 },
      { status: 200, delayMs: 1500 },
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' },
      },
    );
    expect(await runAt(start)).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect((await listKeyNotices(key.id))[0]).toMatchObject({ status: 'Retrying', error: expect.stringContaining('500') });
    // Backoff: not yet retried a minute later; an hour later it is.
    expect(await runAt(new Date(start.getTime() + 60_000))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(await runAt(new Date(start.getTime() + HOUR_MS))).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect((await listKeyNotices(key.id))[0]!.error).toContain('no response');
    // The 429 is waited out in the same run, as its Retry-After says, then sent.
    expect(await runAt(new Date(start.getTime() + 2 * HOUR_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(waits).toContain(2000);
    expect(resend.attempts.map((attempt) => attempt.status)).toEqual([500, 200, 429, 200]);
    expect(new Set(resend.attempts.map((attempt) => attempt.idempotencyKey)).size).toBe(1);
    expect(resend.attempts[0]!.idempotencyKey).toMatch(/^keygate-expiry-notice\//);
    expect(resend.delivered()).toHaveLength(1);
    expect(new Set(resend.attempts.map((attempt) => attempt.email.html)).size).toBe(1);
    expect(await runAt(new Date(start.getTime() + 3 * HOUR_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });

  it('records a 422 as failed with its message and does not retry it', async () => {
    const key = await createKey('bad-address', 20 * DAY_MS);
    resend.script({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } });
    const start = new Date(key.expiresAt.getTime() - 6 * DAY_MS);
    expect(await runAt(start)).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(await runAt(new Date(start.getTime() + 2 * HOUR_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(resend.attempts).toHaveLength(1);
    expect((await listKeyNotices(key.id))[0]).toMatchObject({ status: 'Failed', error: expect.stringContaining('Invalid `to` field.') });
  });

  it('tells every enabled admin when the author is deleted, and records a notice nobody can receive', async () => {
    const key = await createKey('orphan', 20 * DAY_MS);
    const admin = await seedUser({ roleNames: ['ADMIN'] });
    await seedUser({ roleNames: ['ADMIN'], disabled: true });
    await seedUser({ roleNames: ['READ_ONLY'] });
    await db.delete(users).where(eq(users.id, author.id));
    await runAt(new Date(key.expiresAt.getTime() - 6 * DAY_MS));
    const recipients = resend.delivered().map((email) => email.to);
    expect(recipients).toContain(admin.email);
    expect(recipients).not.toContain(authorEmail);
    // Every recipient is an enabled ADMIN: the disabled admin and the READ_ONLY user hear nothing.
    const enabledAdmins = (await db.select({ email: users.email, disabled: users.disabled }).from(users)).filter((u) => !u.disabled);
    expect(recipients.length).toBeLessThanOrEqual(enabledAdmins.length - 1);

    await db.update(users).set({ disabled: true });
    const lonely = await db
      .insert(apiAccess)
      .values({
        id: 'ak_aaaaaaaaaaaaaaaaaaaa',
        name: 'nobody-to-tell',
        tokenDigest: 'x'.repeat(64),
        tokenStart: 'kg_aaaaa',
        expiresAt: new Date(Date.now() + 20 * DAY_MS),
        validFrom: new Date(),
        noticeCheckAt: new Date(),
        createdByKind: 'user',
        createdById: author.id,
        createdByName: 'gone',
      })
      .returning();
    const counts = await runAt(new Date(lonely[0]!.expiresAt.getTime() - 6 * DAY_MS));
    expect(counts).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect(await listKeyNotices('ak_aaaaaaaaaaaaaaaaaaaa')).toEqual([
      expect.objectContaining({ threshold: '7d', status: 'No recipient', recipient: null }),
    ]);
  });

  it('sends each notice once when three runs overlap while sending', async () => {
    const authors: Actor[] = [];
    for (let i = 0; i < 8; i++) authors.push((await loadUserActor((await seedUser()).id, '203.0.113.9'))!);
    for (const [i, owner] of authors.entries()) for (let j = 0; j < 3; j++) await createKey(`overlap-${i}-${j}`, 20 * DAY_MS, owner);
    // Every first try fails, so all 8 emails wait in the outbox; then three runs race to send them, slowly.
    resend.script(...Array.from({ length: 8 }, () => ({ status: 500 })));
    const first = new Date(Date.now() + 14 * DAY_MS);
    expect(await runAt(first)).toEqual({ sent: 0, skipped: 0, failed: 24 });
    resend.reset();
    resend.script(...Array.from({ length: 30 }, () => ({ status: 200, delayMs: 40 })));
    const later = new Date(first.getTime() + HOUR_MS);
    const runs = await Promise.all([runAt(later), runAt(later), runAt(later)]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(24);
    const keys = resend.attempts.map((attempt) => attempt.idempotencyKey);
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(8);
  });

  it('resends an email whose try went unanswered exactly as it was, even after one of its keys is deleted', async () => {
    const kept = await createKey('kept-after-timeout', 20 * DAY_MS);
    const deleted = await createKey('deleted-after-timeout', 20 * DAY_MS);
    resend.script({ status: 200, delayMs: 1500 });
    const start = new Date(kept.expiresAt.getTime() - 6 * DAY_MS);
    expect(await runAt(start)).toEqual({ sent: 0, skipped: 0, failed: 2 });
    await deleteApiAccess(author, { id: deleted.id });
    await runAt(new Date(start.getTime() + HOUR_MS));
    // The first try did arrive; the retry carries the same key and body, so it is not delivered again.
    expect(resend.attempts).toHaveLength(2);
    expect(resend.attempts[1]!.idempotencyKey).toBe(resend.attempts[0]!.idempotencyKey);
    expect(resend.attempts[1]!.email.html).toBe(resend.attempts[0]!.email.html);
    expect(resend.delivered()).toHaveLength(1);
  });

  it.each(['deleted', 'disabled'])('gives a notice to the admins when its recipient is %s before a retry', async (change) => {
    const key = await createKey(`recipient-${change}`, 20 * DAY_MS);
    const admin = await seedUser({ roleNames: ['ADMIN'] });
    resend.script({ status: 500 });
    const start = new Date(key.expiresAt.getTime() - 6 * DAY_MS);
    await runAt(start);
    if (change === 'deleted') await db.delete(users).where(eq(users.id, author.id));
    else await db.update(users).set({ disabled: true }).where(eq(users.id, author.id));
    await runAt(new Date(start.getTime() + HOUR_MS));
    const recipients = resend.delivered().map((email) => email.to);
    expect(recipients).toContain(admin.email);
    expect(recipients).not.toContain(authorEmail);
    expect((await listKeyNotices(key.id)).map((notice) => notice.status)).toEqual(expect.arrayContaining(['Cancelled', 'Sent']));
  });

  it('tells the admins, not a disabled author', async () => {
    const key = await createKey('disabled-author', 20 * DAY_MS);
    const admin = await seedUser({ roleNames: ['ADMIN'] });
    await db.update(users).set({ disabled: true }).where(eq(users.id, author.id));
    await runAt(new Date(key.expiresAt.getTime() - 6 * DAY_MS));
    const recipients = resend.delivered().map((email) => email.to);
    expect(recipients).toContain(admin.email);
    expect(recipients).not.toContain(authorEmail);
  });

  it('sends one email per threshold when one author has keys in two windows', async () => {
    await createKey('thirty', 40 * DAY_MS);
    const seven = await createKey('seven', 20 * DAY_MS);
    await runAt(new Date(seven.expiresAt.getTime() - 6 * DAY_MS));
    expect(subjects().sort()).toEqual(['API Access “seven” expires within 7 days', 'API Access “thirty” expires within 30 days']);
  });

  it('never resends a notice when a key is regenerated with the same expiration', async () => {
    const key = await createKey('same-expiry', 60 * DAY_MS);
    await runAt(new Date(key.expiresAt.getTime() - 29 * DAY_MS));
    const regenerated = await regenerateApiAccess(author, { id: key.id, expiresAt: key.expiresAt });
    expect(regenerated.ok).toBe(true);
    expect(await runAt(new Date(key.expiresAt.getTime() - 28 * DAY_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(resend.delivered()).toHaveLength(1);
  });

  it('starts a new cycle for a key regenerated after its expired notice', async () => {
    const key = await createKey('revived', 20 * DAY_MS);
    await runAt(new Date(key.expiresAt.getTime() + HOUR_MS));
    const regenerated = await regenerateApiAccess(author, { id: key.id, expiresAt: new Date(Date.now() + 90 * DAY_MS) });
    if (!regenerated.ok) throw new Error(regenerated.message);
    expect(await runAt(new Date(regenerated.data.apiAccess.expiresAt.getTime() - 29 * DAY_MS))).toEqual({ sent: 1, skipped: 0, failed: 0 });
    expect(subjects()).toEqual(['API Access “revived” has expired', 'API Access “revived” expires within 30 days']);
  });

  it('retries a 409, and an error answer without a status (a proxy’s 502)', async () => {
    const key = await createKey('odd-answers', 20 * DAY_MS);
    resend.script(
      { status: 409, body: { statusCode: 409, name: 'concurrent_idempotent_requests', message: 'Same key in flight.' } },
      { status: 502, body: { message: 'Bad gateway' } },
    );
    const start = new Date(key.expiresAt.getTime() - 6 * DAY_MS);
    expect((await runAt(start)).failed).toBe(1);
    expect((await runAt(new Date(start.getTime() + HOUR_MS))).failed).toBe(1);
    expect((await runAt(new Date(start.getTime() + 2 * HOUR_MS))).sent).toBe(1);
  });

  it('stops the run at a 401 or 403 (the account, not the email) and sends everything once the settings are fixed', async () => {
    await createKey('first-author-key', 20 * DAY_MS);
    const other = (await loadUserActor((await seedUser()).id, '203.0.113.9'))!;
    await createKey('second-author-key', 20 * DAY_MS, other);
    resend.script({ status: 403, body: { statusCode: 403, name: 'invalid_from_address', message: 'Domain not verified.' } });
    const start = new Date(Date.now() + 14 * DAY_MS);
    expect(await runAt(start)).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(resend.attempts).toHaveLength(1);
    expect(await runAt(new Date(start.getTime() + HOUR_MS))).toEqual({ sent: 2, skipped: 0, failed: 0 });
  });

  it('waits at most an hour between tries, whatever Retry-After says, and gives up after 24 hours', async () => {
    const key = await createKey('slow-provider', 20 * DAY_MS);
    resend.script({
      status: 429,
      headers: { 'retry-after': '7200' },
      body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Slow down' },
    });
    const start = new Date(key.expiresAt.getTime() - 6 * DAY_MS);
    expect((await runAt(start)).failed).toBe(1);
    expect(waits).toEqual([]);
    resend.script(...Array.from({ length: 5 }, () => ({ status: 500 })));
    expect((await runAt(new Date(start.getTime() + HOUR_MS))).failed).toBe(1);
    expect(await runAt(new Date(start.getTime() + 25 * HOUR_MS))).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect((await listKeyNotices(key.id))[0]).toMatchObject({ status: 'Failed', error: expect.stringContaining('gave up after 24 hours') });
    expect(await runAt(new Date(start.getTime() + 26 * HOUR_MS))).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });

  it('paces sends under Resend’s 2 requests per second', async () => {
    process.env.KEYGATE_EMAIL_INTERVAL_MS = '550';
    try {
      await createKey('paced-one', 20 * DAY_MS);
      await createKey('paced-two', 20 * DAY_MS, (await loadUserActor((await seedUser()).id, '203.0.113.9'))!);
      await runAt(new Date(Date.now() + 14 * DAY_MS));
      expect(resend.delivered()).toHaveLength(2);
      expect(Math.max(...waits)).toBeGreaterThan(400);
    } finally {
      process.env.KEYGATE_EMAIL_INTERVAL_MS = '0';
    }
  });

  it('shows recipient addresses and provider errors only to those who may see users', async () => {
    const key = await createKey('private-recipient', 20 * DAY_MS);
    resend.script({ status: 422, body: { statusCode: 422, name: 'validation_error', message: `Cannot send to ${authorEmail}.` } });
    await runAt(new Date(key.expiresAt.getTime() - 6 * DAY_MS));
    const [hidden] = await listKeyNotices(key.id, { showEmails: false });
    expect(JSON.stringify(hidden)).not.toContain(authorEmail);
    expect(hidden!.error).toContain('[address hidden]');
    const [shown] = await listKeyNotices(key.id);
    expect(shown!.recipient!.email).toBe(authorEmail);
  });

  it('escapes HTML in an Access Name in the HTML part', async () => {
    await db.update(users).set({ name: '<b>evil</b>' }).where(eq(users.id, author.id));
    await createKey('<img src=x onerror=alert(1)>', 20 * DAY_MS);
    await runAt(new Date(Date.now() + 14 * DAY_MS));
    const [email] = resend.delivered();
    expect(email!.html).not.toContain('<img src=x');
    expect(email!.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email!.html).not.toContain('<b>evil</b>');
    expect(email!.html).toContain('&lt;b&gt;evil&lt;/b&gt;');
  });
});
