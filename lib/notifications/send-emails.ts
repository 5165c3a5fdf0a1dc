import { and, asc, eq, inArray, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, expiryNoticeDeliveries, expiryNotices, notificationEmails, type NotificationEmailRow } from '@/db/schema';
import { composeEmail, emailIdempotencyKey } from './compose-email';
import { REGENERATED_NOTE } from './compose-emails';
import type { Mailer, SendOutcome } from './mailer';

const MINUTE_MS = 60_000;
/** Long enough for one send with its timeout and 429 waits; a sender that dies lets go after it. */
const LEASE_MS = 5 * MINUTE_MS;
/** Retries wait 5, 10, 20, 40 minutes, then an hour at most: the next hourly run always tries again. */
const backoffMs = (attempts: number) => Math.min(5 * MINUTE_MS * 2 ** Math.max(0, attempts - 1), 60 * MINUTE_MS);
/** Waits the provider asks for that a run sits out itself; longer ones are left to a later run. */
const MAX_IN_RUN_WAIT_MS = 60_000;
const MAX_TRIES_PER_RUN = 3;

export type SendCounts = { sent: number; failed: number; skipped: number };
export type SendOptions = { now: Date; mailer: Mailer; sleep?: (ms: number) => Promise<void> };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Resend allows 2 requests per second by default: every send in this process starts at least this long after the previous one.
const globalForPace = globalThis as typeof globalThis & { __keygateLastEmailAt?: number };
async function pace(sleep: (ms: number) => Promise<void>) {
  const interval = Number(process.env.KEYGATE_EMAIL_INTERVAL_MS ?? 550);
  const wait = (globalForPace.__keygateLastEmailAt ?? 0) + interval - Date.now();
  globalForPace.__keygateLastEmailAt = Date.now() + Math.max(0, wait);
  if (wait > 0) await sleep(wait);
}

type Claimed = { email: NotificationEmailRow; notices: number };

/**
 * Takes one due email in a short transaction (SKIP LOCKED, then a lease: no lock is held while
 * it is sent). Its notices are checked again first: a key deleted or regenerated since drops
 * out, and the email is made again without it (with a new idempotency key) or cancelled.
 */
async function claimNextEmail(now: Date, tried: string[]): Promise<{ claimed: Claimed | null; skipped: number; none?: true }> {
  return db.transaction(async (tx) => {
    const [email] = await tx
      .select()
      .from(notificationEmails)
      .where(
        and(
          eq(notificationEmails.status, 'pending'),
          lte(notificationEmails.nextAttemptAt, now),
          or(isNull(notificationEmails.leaseUntil), lte(notificationEmails.leaseUntil, now)),
          tried.length ? notInArray(notificationEmails.id, tried) : undefined,
        ),
      )
      .orderBy(asc(notificationEmails.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!email) return { claimed: null, skipped: 0, none: true };
    const notices = await tx
      .select({
        noticeId: expiryNotices.id,
        accessId: apiAccess.id,
        name: apiAccess.name,
        expiresAt: expiryNotices.expiresAt,
        current: apiAccess.expiresAt,
      })
      .from(expiryNoticeDeliveries)
      .innerJoin(expiryNotices, eq(expiryNotices.id, expiryNoticeDeliveries.noticeId))
      .innerJoin(apiAccess, eq(apiAccess.id, expiryNotices.apiAccessId))
      .where(eq(expiryNoticeDeliveries.emailId, email.id));
    // Notices of deleted keys are gone with them; those of regenerated keys are cancelled here.
    const stale = notices.filter((notice) => notice.current.getTime() !== notice.expiresAt.getTime());
    const live = notices.filter((notice) => !stale.includes(notice));
    if (stale.length) {
      const ids = stale.map((notice) => notice.noticeId);
      await tx.update(expiryNotices).set({ status: 'cancelled', note: REGENERATED_NOTE }).where(inArray(expiryNotices.id, ids));
      await tx
        .delete(expiryNoticeDeliveries)
        .where(and(eq(expiryNoticeDeliveries.emailId, email.id), inArray(expiryNoticeDeliveries.noticeId, ids)));
    }
    if (live.length === 0) {
      await tx
        .update(notificationEmails)
        .set({ status: 'cancelled', lastError: 'Every key in it was deleted or regenerated before it was sent.' })
        .where(eq(notificationEmails.id, email.id));
      return { claimed: null, skipped: stale.length };
    }
    // Unchanged notices: the stored email exactly as it was. Changed: made again, under a new key.
    const unchanged = emailIdempotencyKey(email.recipientEmail, email.threshold, live) === email.idempotencyKey;
    const changes = unchanged ? {} : await composeEmail({ email: email.recipientEmail, name: email.recipientName }, email.threshold, live);
    const [updated] = await tx
      .update(notificationEmails)
      .set({
        ...changes,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        attempts: sql`${notificationEmails.attempts} + 1`,
        lastAttemptAt: now,
      })
      .where(eq(notificationEmails.id, email.id))
      .returning();
    return { claimed: { email: updated!, notices: live.length }, skipped: stale.length };
  });
}

async function record(email: NotificationEmailRow, outcome: SendOutcome, now: Date) {
  const base = { leaseUntil: null, lastAttemptAt: now };
  const change =
    outcome.kind === 'sent'
      ? { ...base, status: 'sent' as const, sentAt: now, providerMessageId: outcome.messageId, lastError: null }
      : outcome.kind === 'permanent'
        ? { ...base, status: 'failed' as const, lastError: outcome.message }
        : {
            ...base,
            lastError: outcome.message,
            nextAttemptAt: new Date(
              now.getTime() + Math.min(Math.max(outcome.retryAfterMs ?? 0, backoffMs(email.attempts)), 60 * MINUTE_MS),
            ),
          };
  await db
    .update(notificationEmails)
    .set(change)
    .where(and(eq(notificationEmails.id, email.id), eq(notificationEmails.status, 'pending')));
}

/**
 * Sends every due email once (a failed one waits for a later run, except that a 429's
 * Retry-After of up to a minute is waited out here). Counts are notices per recipient.
 */
export async function sendDueEmails({ now, mailer, sleep = realSleep }: SendOptions): Promise<SendCounts> {
  const counts: SendCounts = { sent: 0, failed: 0, skipped: 0 };
  const tried: string[] = [];
  for (;;) {
    const { claimed, skipped, none } = await claimNextEmail(now, tried);
    counts.skipped += skipped;
    if (none) return counts;
    if (!claimed) continue;
    const { email } = claimed;
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
    if (outcome.kind === 'sent') counts.sent += claimed.notices;
    else {
      counts.failed += claimed.notices;
      console.error(
        `Expiry email to ${email.recipientEmail} not sent (${outcome.kind === 'retry' ? 'will retry' : 'permanent'}): ${outcome.message}`,
      );
    }
  }
}
