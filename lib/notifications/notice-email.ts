import { createHash } from 'node:crypto';
import type { NoticeThreshold } from './thresholds';
import { renderNoticeEmail, type RenderedEmail } from './render-notice';

export type EmailNotice = { noticeId: string; accessId: string; name: string; expiresAt: Date };
export type ComposedEmail = RenderedEmail & { idempotencyKey: string };

/**
 * Derived from the recipient, threshold and notices: the same notices always make the same
 * key (so a retry is recognised by Resend), and a changed set makes a new one.
 */
export function emailIdempotencyKey(recipientEmail: string, threshold: NoticeThreshold, notices: Pick<EmailNotice, 'noticeId'>[]): string {
  const ids = notices.map((notice) => notice.noticeId).sort();
  const digest = createHash('sha256')
    .update([recipientEmail.toLowerCase(), threshold, ...ids].join('\n'))
    .digest('base64url');
  return `keygate-expiry-notice/${digest}`;
}

/** The one way an email is made from its notices: keys ordered by expiration, then name. */
export async function composeEmail(
  recipient: { email: string; name: string },
  threshold: NoticeThreshold,
  notices: EmailNotice[],
): Promise<ComposedEmail> {
  const ordered = [...notices].sort(
    (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.name.localeCompare(b.name) || a.accessId.localeCompare(b.accessId),
  );
  const rendered = await renderNoticeEmail({
    threshold,
    recipientName: recipient.name,
    keys: ordered.map(({ accessId, name, expiresAt }) => ({ accessId, name, expiresAt })),
  });
  return { ...rendered, idempotencyKey: emailIdempotencyKey(recipient.email, threshold, notices) };
}
