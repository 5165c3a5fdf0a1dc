import { createHash } from 'node:crypto';
import type { ReactElement } from 'react';
import { render } from 'react-email';
import type { Tx } from '@/db/client';
import { notificationEmails, type NotificationEmailRow } from '@/db/schema';
import { runInBackground } from '@/lib/background-work';
import { afterCommit } from '@/lib/transaction';
import { configuredMailer } from './mailer';
import type { Recipient } from './recipients';
import { sendDueEmails } from './send-emails';

/** Emails complete as written, sent at once rather than at the next hourly run (the leak emails, SPEC §8; a webhook endpoint disabled, §9). */
export type ImmediateEmailKind = Exclude<NotificationEmailRow['kind'], 'expiry'>;
export type ImmediateEmail = { recipient: Recipient; subject: string; element: ReactElement; idempotencyKey: string };

/** The same facts always give the same key, so a retry (or a second writer) is recognised by the outbox and by Resend. */
export const immediateIdempotencyKey = (kind: ImmediateEmailKind, facts: string[]) =>
  `keygate-${kind}/${createHash('sha256').update(facts.join('\n')).digest('base64url')}`;

/**
 * Writes the emails to the outbox in the caller's unit of work (so they exist exactly when the
 * change they report does), each rendered once, and runs the outbox as soon as it commits; a
 * failed send is retried by the hourly run with the same idempotency key.
 */
export async function queueImmediateEmails(tx: Tx, kind: ImmediateEmailKind, emails: ImmediateEmail[]): Promise<void> {
  if (emails.length === 0) return;
  const now = new Date();
  const rows = await Promise.all(
    emails.map(async ({ recipient, subject, element, idempotencyKey }) => {
      const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
      return {
        kind,
        recipientUserId: recipient.userId,
        recipientEmail: recipient.email,
        recipientName: recipient.name,
        subject,
        html,
        text,
        idempotencyKey,
        nextAttemptAt: now,
        createdAt: now,
      };
    }),
  );
  await tx.insert(notificationEmails).values(rows).onConflictDoNothing();
  afterCommit(tx, () => sendOutboxNow(kind));
}

/** Sends what is due in the outbox now, in the background; a failure is retried by the hourly run. */
function sendOutboxNow(kind: ImmediateEmailKind) {
  runInBackground(() => sendDueEmails({ now: new Date(), mailer: configuredMailer() }), {
    message: 'Sending emails at once failed; the next run tries again.',
    context: { kind },
  });
}
