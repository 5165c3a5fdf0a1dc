import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { db, type Tx } from '@/db/client';
import { apiAccess, expiryNoticeDeliveries, expiryNotices, notificationEmails, users, type NotificationEmailRow } from '@/db/schema';
import { MINUTE_MS } from '@/lib/time';
import { composeEmail, emailIdempotencyKey } from './notice-email';
import { cancelFallenNotices, noticeFallsBecause } from './notice-state';
import type { Mailer, SendOutcome } from './mailer';
import { settings } from '@/lib/settings';
import { log } from '@/lib/log/logger';
import { heldBy, isDue, newLease, RELEASED } from '@/lib/outbox/claim';

/** Retries wait 5, 10, 20, 40, then 55 minutes: always less than an hour, so the next hourly run tries again. */
const MAX_DELAY_MS = 55 * MINUTE_MS;
const backoffMs = (attempts: number) => Math.min(5 * MINUTE_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
/** Resend remembers an idempotency key for 24 hours; past that a retry could no longer be recognised, so it stops. */
const GIVE_UP_AFTER_MS = 24 * 60 * MINUTE_MS;
/** Waits the provider asks for that a run sits out itself; longer ones are left to a later run. */
const MAX_IN_RUN_WAIT_MS = 60_000;
const MAX_TRIES_PER_RUN = 3;

export type SendCounts = { sent: number; failed: number; skipped: number; released: number };
export type SendOptions = { now: Date; mailer: Mailer; sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Resend allows 2 requests per second by default: every send in this process starts at least this long after the previous one.
const globalForPace = globalThis as typeof globalThis & { __keygateLastEmailAt?: number };
async function pace(sleep: (ms: number) => Promise<void>) {
  const interval = settings().KEYGATE_EMAIL_INTERVAL_MS;
  const wait = (globalForPace.__keygateLastEmailAt ?? 0) + interval - Date.now();
  globalForPace.__keygateLastEmailAt = Date.now() + Math.max(0, wait);
  if (wait > 0) await sleep(wait);
}

const KIND_NAMES: Record<NotificationEmailRow['kind'], string> = { expiry: 'Expiry', leak: 'Leak', webhook_disabled: 'Webhook-disabled' };

type Claim =
  | { kind: 'none' }
  | { kind: 'settled'; skipped: number; released: number }
  | { kind: 'claimed'; email: NotificationEmailRow; notices: number; skipped: number };

/** The recipient is gone: the email is cancelled and its notices go back to be composed for whoever answers now. */
async function releaseForRecompose(tx: Tx, email: NotificationEmailRow): Promise<number> {
  await tx
    .update(notificationEmails)
    .set({
      status: 'cancelled',
      lastError: 'The recipient was deleted or disabled before it was sent; the notice goes to whoever answers for the key now.',
    })
    .where(eq(notificationEmails.id, email.id));
  // A notice also on its way to other recipients (every admin) stays with them.
  const released = await tx.execute<{ id: string }>(sql`
    update ${expiryNotices} set status = 'pending'
    where ${expiryNotices.id} in (select notice_id from ${expiryNoticeDeliveries} where email_id = ${email.id})
      and not exists (
        select 1 from ${expiryNoticeDeliveries} d join ${notificationEmails} e on e.id = d.email_id
        where d.notice_id = ${expiryNotices.id} and e.status in ('pending', 'sent'))
    returning ${expiryNotices.id}`);
  return released.length;
}

/**
 * Takes one due email in a short transaction (SKIP LOCKED, then a lease on the database's
 * clock: no lock is held while it is sent). Before a send, it checks again that the recipient
 * is still there and which of its keys still stand (a key deleted or regenerated since drops
 * out, and the email is made again under a new idempotency key) — unless an earlier try may
 * have arrived, in which case only the identical email, with the same key, may follow it.
 */
async function claimNextEmail(now: Date, tried: string[]): Promise<Claim> {
  return db.transaction(async (tx) => {
    const [email] = await tx
      .select()
      .from(notificationEmails)
      .where(and(isDue(notificationEmails, now), tried.length ? notInArray(notificationEmails.id, tried) : undefined))
      .orderBy(asc(notificationEmails.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!email) return { kind: 'none' };

    const [recipient] = email.recipientUserId
      ? await tx.select({ disabled: users.disabled }).from(users).where(eq(users.id, email.recipientUserId))
      : [];
    if (email.kind !== 'expiry') return claimCompleteEmail(tx, email, now, Boolean(recipient && !recipient.disabled));
    if (!recipient || recipient.disabled) return { kind: 'settled', skipped: 0, released: await releaseForRecompose(tx, email) };

    const notices = await tx
      .select({
        noticeId: expiryNotices.id,
        accessId: apiAccess.id,
        name: apiAccess.name,
        expiresAt: expiryNotices.expiresAt,
        keyExpiresAt: apiAccess.expiresAt,
        keyEnabled: apiAccess.enabled,
      })
      .from(expiryNoticeDeliveries)
      .innerJoin(expiryNotices, eq(expiryNotices.id, expiryNoticeDeliveries.noticeId))
      .innerJoin(apiAccess, eq(apiAccess.id, expiryNotices.apiAccessId))
      .where(eq(expiryNoticeDeliveries.emailId, email.id));
    // Notices of deleted keys are gone with them; those of regenerated or disabled keys no longer stand.
    const live = notices.filter((notice) => noticeFallsBecause(notice) === null);
    const stale = email.mayHaveArrived ? [] : notices.filter((notice) => !live.includes(notice));
    if (stale.length) {
      const ids = stale.map((notice) => notice.noticeId);
      await cancelFallenNotices(tx, stale);
      await tx
        .delete(expiryNoticeDeliveries)
        .where(and(eq(expiryNoticeDeliveries.emailId, email.id), inArray(expiryNoticeDeliveries.noticeId, ids)));
    }
    if (live.length === 0) {
      await tx
        .update(notificationEmails)
        .set({ status: 'cancelled', lastError: 'Every key in it was deleted, regenerated or disabled before it was sent.' })
        .where(eq(notificationEmails.id, email.id));
      return { kind: 'settled', skipped: stale.length, released: 0 };
    }
    const threshold = email.threshold!;
    const unchanged = email.mayHaveArrived || emailIdempotencyKey(email.recipientEmail, threshold, live) === email.idempotencyKey;
    const changes = unchanged ? {} : await composeEmail({ email: email.recipientEmail, name: email.recipientName }, threshold, live);
    const [claimed] = await tx
      .update(notificationEmails)
      .set({
        ...changes,
        ...newLease(5 * 60),
        attempts: sql`${notificationEmails.attempts} + 1`,
        lastAttemptAt: now,
      })
      .where(eq(notificationEmails.id, email.id))
      .returning();
    return { kind: 'claimed', email: claimed!, notices: email.mayHaveArrived ? notices.length : live.length, skipped: stale.length };
  });
}

/**
 * A leak email (SPEC §8) or a webhook endpoint's (§9) is complete as written: it is sent as long as
 * its recipient is still an active user (its recipients were chosen when it happened).
 */
async function claimCompleteEmail(tx: Tx, email: NotificationEmailRow, now: Date, recipientActive: boolean): Promise<Claim> {
  if (!recipientActive) {
    await tx
      .update(notificationEmails)
      .set({ status: 'cancelled', lastError: 'The recipient was deleted or disabled before it was sent.' })
      .where(eq(notificationEmails.id, email.id));
    return { kind: 'settled', skipped: 1, released: 0 };
  }
  const [claimed] = await tx
    .update(notificationEmails)
    .set({ ...newLease(5 * 60), attempts: sql`${notificationEmails.attempts} + 1`, lastAttemptAt: now })
    .where(eq(notificationEmails.id, email.id))
    .returning();
  return { kind: 'claimed', email: claimed!, notices: 1, skipped: 0 };
}

/** Writes the outcome, but only while this sender still holds the lease. */
async function record(email: NotificationEmailRow, outcome: SendOutcome, now: Date) {
  const base = { ...RELEASED, lastAttemptAt: now };
  let change;
  if (outcome.kind === 'sent') {
    change = { ...base, status: 'sent' as const, sentAt: now, providerMessageId: outcome.messageId, lastError: null };
  } else if (outcome.kind === 'permanent') {
    change = { ...base, status: 'failed' as const, lastError: outcome.message };
  } else if (now.getTime() - email.createdAt.getTime() >= GIVE_UP_AFTER_MS) {
    change = { ...base, status: 'failed' as const, lastError: `${outcome.message} (gave up after 24 hours of tries)` };
  } else {
    const delay = Math.min(Math.max(outcome.retryAfterMs ?? 0, backoffMs(email.attempts)), MAX_DELAY_MS);
    change = {
      ...base,
      lastError: outcome.message,
      nextAttemptAt: new Date(now.getTime() + delay),
      mayHaveArrived: email.mayHaveArrived || Boolean(outcome.unanswered),
    };
  }
  await db
    .update(notificationEmails)
    .set(change)
    .where(and(heldBy(notificationEmails, email), ne(notificationEmails.status, 'sent')));
}

/**
 * Sends every due email once (a failed one waits for a later run, except that a 429's
 * Retry-After of up to a minute is waited out here). Counts are notices per recipient;
 * `released` counts notices whose recipient left, to be composed again.
 */
export async function sendDueEmails({ now, mailer, sleep = realSleep }: SendOptions): Promise<SendCounts> {
  const counts: SendCounts = { sent: 0, failed: 0, skipped: 0, released: 0 };
  const tried: string[] = [];
  for (;;) {
    const claim = await claimNextEmail(now, tried);
    if (claim.kind === 'none') return counts;
    counts.skipped += claim.skipped;
    if (claim.kind === 'settled') {
      counts.released += claim.released;
      continue;
    }
    const { email } = claim;
    tried.push(email.id);
    let outcome: SendOutcome;
    for (let attempt = 1; ; attempt++) {
      await pace(sleep);
      outcome = await mailer.send({
        to: email.recipientEmail,
        subject: email.subject,
        html: email.html,
        text: email.text,
        idempotencyKey: email.idempotencyKey,
      });
      const wait = outcome.kind === 'retry' ? outcome.retryAfterMs : undefined;
      if (wait === undefined || wait > MAX_IN_RUN_WAIT_MS || attempt >= MAX_TRIES_PER_RUN) break;
      await sleep(wait);
    }
    await record(email, outcome, now);
    if (outcome.kind === 'sent') {
      counts.sent += claim.notices;
      continue;
    }
    counts.failed += claim.notices;
    log().error(
      `${KIND_NAMES[email.kind]} email to ${email.recipientEmail} not sent (${outcome.kind === 'retry' ? 'will retry' : 'permanent'}): ${outcome.message}`,
    );
    // The account itself is refused (bad key, unverified sender): every other email would fail the same way, so they wait.
    if (outcome.kind === 'retry' && outcome.haltRun) return counts;
  }
}
