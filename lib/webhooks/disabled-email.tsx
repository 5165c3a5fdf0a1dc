import type { Tx } from '@/db/client';
import type { WebhookEndpointRow } from '@/db/schema';
import WebhookDisabledEmail, { webhookDisabledSubject, type WebhookDisabledProps } from '@/emails/webhook-disabled';
import { appUrl } from '@/lib/app-url';
import { formatExactDateTime } from '@/lib/format';
import { immediateIdempotencyKey, queueImmediateEmails } from '@/lib/notifications/queue-immediate-emails';
import { recipientsByAuthor } from '@/lib/notifications/recipients';
import { paths } from '@/lib/paths';
import { shortWebhookUrl } from './short-url';

export type DisabledFacts = { disabledAt: Date; responseStatus: number; eventType: string };

const STATUS_TEXT: Record<number, string> = { 410: 'Gone' };

/**
 * SPEC §9 "410 disables the endpoint and tells its author": an email to the endpoint's author,
 * written to the outbox in the transaction that disables it and sent as soon as it commits. An
 * author who was deleted or disabled (or a key's creator with no person behind it) cannot act on
 * it, so every active ADMIN is told instead, as for expiry notices.
 */
export async function queueWebhookDisabledEmails(tx: Tx, endpoint: WebhookEndpointRow, facts: DisabledFacts): Promise<void> {
  const recipients = (await recipientsByAuthor(tx, [endpoint.authorUserId])).get(endpoint.authorUserId) ?? [];
  const base = appUrl();
  const props: Omit<WebhookDisabledProps, 'recipientName' | 'recipientIs'> = {
    shortUrl: shortWebhookUrl(endpoint.url),
    description: endpoint.description,
    disabledAt: formatExactDateTime(facts.disabledAt),
    lastResponse: `${facts.responseStatus} ${STATUS_TEXT[facts.responseStatus] ?? ''}`.trim(),
    eventType: facts.eventType,
    endpointUrl: base + paths.webhooks.detail(endpoint.id),
    listUrl: base + paths.webhooks.list,
  };
  await queueImmediateEmails(
    tx,
    'webhook_disabled',
    recipients.map((recipient) => ({
      recipient,
      subject: webhookDisabledSubject(props),
      element: (
        <WebhookDisabledEmail
          {...props}
          recipientName={recipient.name}
          recipientIs={recipient.userId === endpoint.authorUserId ? 'author' : 'admin'}
        />
      ),
      idempotencyKey: immediateIdempotencyKey('webhook_disabled', [endpoint.id, facts.disabledAt.toISOString(), recipient.email]),
    })),
  );
}
