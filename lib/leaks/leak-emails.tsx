import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { render } from 'react-email';
import type { Tx } from '@/db/client';
import { notificationEmails, users } from '@/db/schema';
import KeyLeakedEmail, { keyLeakedSubject, type KeyLeakedProps } from '@/emails/key-leaked';
import { appUrl } from '@/lib/app-url';
import { formatExactDateTime } from '@/lib/format';
import { log } from '@/lib/log/logger';
import { configuredMailer } from '@/lib/notifications/mailer';
import { activeAdmins, type Recipient } from '@/lib/notifications/recipients';
import { sendDueEmails } from '@/lib/notifications/send-emails';
import { paths } from '@/lib/paths';
import { afterCommit } from '@/lib/transaction';
import type { LeakSource } from './report-leaks';

export type LeakedKey = { id: string; name: string; authorUserId: string | null };
export type LeakFacts = { leakedAt: Date; source: LeakSource; url: string | null; tokenStart: string };

const REPORTED_BY: Record<LeakSource, string> = { revoke_api: 'a report to the revoke API', github: 'GitHub secret scanning' };

/** The key's author (while an active user) and every active ADMIN, each once. */
async function leakRecipients(tx: Tx, authorUserId: string | null): Promise<Recipient[]> {
  const [author] = authorUserId
    ? await tx
        .select({ userId: users.id, email: users.email, name: users.name })
        .from(users)
        .where(and(eq(users.id, authorUserId), eq(users.disabled, false)))
    : [];
  const everyone = [...(author ? [author] : []), ...(await activeAdmins(tx))];
  return everyone.filter((recipient, i) => everyone.findIndex((other) => other.userId === recipient.userId) === i);
}

/**
 * SPEC §8: the leak email to the author and every active ADMIN, written to the outbox in the
 * transaction that marks the key, and sent as soon as it commits (not at the next hourly run).
 */
export async function queueLeakEmails(tx: Tx, key: LeakedKey, facts: LeakFacts): Promise<void> {
  const recipients = await leakRecipients(tx, key.authorUserId);
  if (recipients.length === 0) return;
  const base = appUrl();
  const props: Omit<KeyLeakedProps, 'recipientName'> = {
    name: key.name,
    accessId: key.id,
    reportedAt: formatExactDateTime(facts.leakedAt),
    reportedBy: REPORTED_BY[facts.source],
    foundAt: facts.url,
    tokenStart: facts.tokenStart,
    viewUrl: base + paths.apiAccess.detail(key.id),
    regenerateUrl: base + paths.apiAccess.regenerate(key.id),
  };
  const now = new Date();
  const rows = await Promise.all(
    recipients.map(async (recipient) => {
      const element = <KeyLeakedEmail {...props} recipientName={recipient.name} />;
      const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
      const idempotencyKey = `keygate-leak/${createHash('sha256').update([key.id, facts.leakedAt.toISOString(), recipient.email].join('\n')).digest('base64url')}`;
      return {
        kind: 'leak' as const,
        recipientUserId: recipient.userId,
        recipientEmail: recipient.email,
        recipientName: recipient.name,
        subject: keyLeakedSubject(props),
        html,
        text,
        idempotencyKey,
        nextAttemptAt: now,
        createdAt: now,
      };
    }),
  );
  await tx.insert(notificationEmails).values(rows).onConflictDoNothing();
  afterCommit(tx, sendLeakEmailsNow);
}

/** Sends what is due in the outbox now, in the background; a failure is retried by the hourly run. */
function sendLeakEmailsNow() {
  void sendDueEmails({ now: new Date(), mailer: configuredMailer() }).catch((err) =>
    log().error({ err }, 'Sending leak emails failed; the next run tries again.'),
  );
}
