import { outboxMailer } from './outbox-mailer';
import { resendMailer } from './resend-mailer';
import { settings } from '@/lib/settings';

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; idempotencyKey: string };

/** What happened to one send: delivered, worth retrying (after `retryAfterMs` when the provider said), or refused for good. */
export type SendOutcome =
  | { kind: 'sent'; messageId: string }
  | {
      kind: 'retry';
      message: string;
      retryAfterMs?: number;
      /** No answer came back (timeout, connection lost): the email may have arrived all the same. */
      unanswered?: boolean;
      /** The provider refused the account, not this email: stop sending for this run. */
      haltRun?: boolean;
    }
  | { kind: 'permanent'; message: string };

export type Mailer = { describe: string; send(email: OutgoingEmail): Promise<SendOutcome> };

/** Resend when RESEND_API_KEY is set; otherwise files under .data/outbox/ that a person can open. */
export function configuredMailer(): Mailer {
  const apiKey = settings().RESEND_API_KEY;
  return apiKey ? resendMailer(apiKey) : outboxMailer();
}
