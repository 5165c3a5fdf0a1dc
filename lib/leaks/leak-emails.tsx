import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { users } from '@/db/schema';
import KeyLeakedEmail, { keyLeakedSubject, type KeyLeakedProps } from '@/emails/key-leaked';
import { appUrl } from '@/lib/app-url';
import { formatExactDateTime } from '@/lib/format';
import { activeAdmins, type Recipient } from '@/lib/notifications/recipients';
import { immediateIdempotencyKey, queueImmediateEmails } from '@/lib/notifications/queue-immediate-emails';
import { paths } from '@/lib/paths';
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
  await queueImmediateEmails(
    tx,
    'leak',
    recipients.map((recipient) => ({
      recipient,
      subject: keyLeakedSubject(props),
      element: <KeyLeakedEmail {...props} recipientName={recipient.name} />,
      idempotencyKey: immediateIdempotencyKey('leak', [key.id, facts.leakedAt.toISOString(), recipient.email]),
    })),
  );
}
