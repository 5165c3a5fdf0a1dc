import { asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, expiryNoticeDeliveries, expiryNotices, notificationEmails } from '@/db/schema';
import type { NoticeThreshold } from './thresholds';
import { composeEmail, type EmailNotice } from './notice-email';
import { cancelFallenNotices, noticeFallsBecause, settleNotices } from './notice-state';
import { recipientsByAuthor, type Recipient } from './recipients';

// A run gathers every pending notice at once, so each recipient gets one email per threshold
// (batches would split a recipient's keys over several emails); the cap only bounds a backlog.
const BATCH = 10_000;
const NO_RECIPIENT_NOTE = 'Nobody to tell: the author is deleted or disabled, and no enabled user holds ADMIN.';

/**
 * Turns planned notices into outbox emails: one per recipient and threshold, listing each of
 * their keys that is due. Returns how many notices were settled without an email.
 */
export async function composeEmails(now: Date): Promise<{ skipped: number }> {
  let skipped = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          noticeId: expiryNotices.id,
          threshold: expiryNotices.threshold,
          expiresAt: expiryNotices.expiresAt,
          accessId: apiAccess.id,
          name: apiAccess.name,
          keyExpiresAt: apiAccess.expiresAt,
          keyEnabled: apiAccess.enabled,
          authorUserId: apiAccess.authorUserId,
        })
        .from(expiryNotices)
        .innerJoin(apiAccess, eq(apiAccess.id, expiryNotices.apiAccessId))
        .where(eq(expiryNotices.status, 'pending'))
        .orderBy(asc(expiryNotices.plannedAt))
        .limit(BATCH)
        .for('update', { of: expiryNotices, skipLocked: true });
      const fallen = rows.filter((row) => noticeFallsBecause(row) !== null);
      const live = rows.filter((row) => !fallen.includes(row));
      const recipients = await recipientsByAuthor(
        tx,
        live.map((row) => row.authorUserId),
      );
      const unreachable = live.filter((row) => recipients.get(row.authorUserId)!.length === 0);
      await cancelFallenNotices(tx, fallen);
      await settleNotices(
        tx,
        unreachable.map((row) => row.noticeId),
        'no_recipient',
        NO_RECIPIENT_NOTE,
      );

      const emails = new Map<string, { recipient: Recipient; threshold: NoticeThreshold; notices: EmailNotice[] }>();
      for (const row of live) {
        for (const recipient of recipients.get(row.authorUserId)!) {
          const group = `${recipient.userId}\n${row.threshold}`;
          if (!emails.has(group)) emails.set(group, { recipient, threshold: row.threshold, notices: [] });
          emails.get(group)!.notices.push(row);
        }
      }
      for (const { recipient, threshold, notices } of emails.values()) {
        const content = await composeEmail(recipient, threshold, notices);
        const [email] = await tx
          .insert(notificationEmails)
          .values({
            threshold,
            recipientUserId: recipient.userId,
            recipientEmail: recipient.email,
            recipientName: recipient.name,
            ...content,
            nextAttemptAt: now,
            createdAt: now,
          })
          .returning({ id: notificationEmails.id });
        await tx.insert(expiryNoticeDeliveries).values(notices.map((notice) => ({ noticeId: notice.noticeId, emailId: email!.id })));
      }
      const queued = live.filter((row) => !unreachable.includes(row)).map((row) => row.noticeId);
      if (queued.length) await tx.update(expiryNotices).set({ status: 'queued' }).where(inArray(expiryNotices.id, queued));
      return { seen: rows.length, skipped: fallen.length + unreachable.length };
    });
    skipped += batch.skipped;
    if (batch.seen < BATCH) return { skipped };
  }
}
