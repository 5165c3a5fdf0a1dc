import { desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { expiryNoticeDeliveries, expiryNotices, notificationEmails } from '@/db/schema';
import type { NoticeThreshold } from './thresholds';

export type NoticeStatus = 'Planned' | 'Queued' | 'Retrying' | 'Sent' | 'Failed' | 'No recipient' | 'Cancelled';

export type KeyNotice = {
  threshold: NoticeThreshold;
  expiresAt: Date;
  /** The address is null for readers who may not see users. */
  recipient: { email: string | null; name: string } | null;
  status: NoticeStatus;
  /** When it was sent, failed, last tried, or planned: whichever happened last. */
  at: Date;
  error: string | null;
};

const EMAIL_STATUS = { sent: 'Sent', failed: 'Failed', cancelled: 'Cancelled' } as const;
const NOTICE_STATUS = { pending: 'Planned', queued: 'Queued', no_recipient: 'No recipient', cancelled: 'Cancelled' } as const;

/**
 * The expiry notices of one key, newest first: one line per recipient. Unchecked: the caller
 * has already authorized reading the key; addresses only when it may see users.
 */
export async function listKeyNotices(accessId: string, { showEmails = true, limit = 50 } = {}): Promise<KeyNotice[]> {
  const rows = await db
    .select({
      threshold: expiryNotices.threshold,
      expiresAt: expiryNotices.expiresAt,
      noticeStatus: expiryNotices.status,
      note: expiryNotices.note,
      plannedAt: expiryNotices.plannedAt,
      email: notificationEmails,
    })
    .from(expiryNotices)
    .leftJoin(expiryNoticeDeliveries, eq(expiryNoticeDeliveries.noticeId, expiryNotices.id))
    .leftJoin(notificationEmails, eq(notificationEmails.id, expiryNoticeDeliveries.emailId))
    .where(eq(expiryNotices.apiAccessId, accessId))
    .orderBy(desc(expiryNotices.plannedAt), notificationEmails.recipientEmail)
    .limit(limit);
  return rows.map((row) => (showEmails ? toKeyNotice(row) : withoutAddresses(toKeyNotice(row))));
}

// A provider's message may quote an address (Resend names the account owner's).
const hideAddresses = (text: string | null) => text?.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '[address hidden]') ?? null;
const withoutAddresses = (notice: KeyNotice): KeyNotice => ({
  ...notice,
  recipient: notice.recipient && { name: notice.recipient.name, email: null },
  error: hideAddresses(notice.error),
});

type NoticeRow = {
  threshold: NoticeThreshold;
  expiresAt: Date;
  noticeStatus: keyof typeof NOTICE_STATUS;
  note: string | null;
  plannedAt: Date;
  email: typeof notificationEmails.$inferSelect | null;
};

function toKeyNotice({ threshold, expiresAt, noticeStatus, note, plannedAt, email }: NoticeRow): KeyNotice {
  if (!email) return { threshold, expiresAt, recipient: null, status: NOTICE_STATUS[noticeStatus], at: plannedAt, error: note };
  const status: NoticeStatus = email.status === 'pending' ? (email.lastError ? 'Retrying' : 'Queued') : EMAIL_STATUS[email.status];
  return {
    threshold,
    expiresAt,
    recipient: { email: email.recipientEmail, name: email.recipientName },
    status,
    at: email.sentAt ?? email.lastAttemptAt ?? email.createdAt,
    error: email.status === 'sent' ? null : email.lastError,
  };
}
