import { Resend } from 'resend';
import { emailFrom } from './email-from';
import type { Mailer, SendOutcome } from './mailer';
import { settings } from '@/lib/settings';

const clients = new Map<string, Resend>();

// Created on first use: the constructor throws without a key, and RESEND_BASE_URL is read then.
const clientFor = (apiKey: string) => {
  let client = clients.get(apiKey);
  if (!client) clients.set(apiKey, (client = new Resend(apiKey)));
  return client;
};

/** Seconds or an HTTP date, as Retry-After allows. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sends with the Resend SDK, which returns its errors instead of throwing them. */
export function resendMailer(apiKey: string): Mailer {
  const timeoutMs = settings().KEYGATE_EMAIL_TIMEOUT_MS;
  return {
    describe: 'Resend',
    async send(email): Promise<SendOutcome> {
      const { data, error, headers } = await clientFor(apiKey).emails.send(
        { from: emailFrom(), to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (data) return { kind: 'sent', messageId: data.id };
      if (!error) return { kind: 'retry', message: 'Resend answered with neither an email id nor an error.' };
      // The SDK passes Resend's error body through: a body without a status (a proxy's 502) is not a verdict on the email.
      const status = typeof error.statusCode === 'number' ? error.statusCode : null;
      const message = `${status ?? 'no response'} ${error.name ?? 'error'}: ${error.message}`;
      // No headers: no response at all (timeout, connection lost), so the email may have arrived.
      if (status === null) return { kind: 'retry', message, unanswered: headers === null };
      if (status === 429) return { kind: 'retry', message, retryAfterMs: retryAfterMs(headers?.['retry-after']) };
      // A missing, wrong or restricted API key, or a sender Resend will not send for: fix the settings, the emails wait.
      if (status === 401 || status === 403) return { kind: 'retry', message, haltRun: true };
      // 409: a concurrent request with the same key; 5xx: Resend's side. Both are worth another try.
      if (status === 409 || status < 400 || status >= 500) return { kind: 'retry', message };
      return { kind: 'permanent', message };
    },
  };
}
