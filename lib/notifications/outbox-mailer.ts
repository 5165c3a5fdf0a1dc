import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/data-dir';
import { emailFrom } from './email-from';
import type { Mailer } from './mailer';

/**
 * Without RESEND_API_KEY: each email becomes `<key>.html` and `<key>.txt` under .data/outbox/.
 * Named by the idempotency key, so writing a retried email again changes nothing.
 */
export function outboxMailer(directory = path.join(dataDir(), 'outbox')): Mailer {
  return {
    describe: `the outbox folder ${path.relative(process.cwd(), directory) || directory}`,
    async send(email) {
      await mkdir(directory, { recursive: true });
      const base = path.join(directory, email.idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '_'));
      const headers = [`From: ${emailFrom()}`, `To: ${email.to}`, `Subject: ${email.subject}`, `Idempotency-Key: ${email.idempotencyKey}`];
      await writeFile(`${base}.html`, email.html);
      await writeFile(`${base}.txt`, `${headers.join('\n')}\n\n${email.text}\n`);
      console.log(`Expiry email to ${email.to} written to ${path.relative(process.cwd(), base)}.html and .txt (RESEND_API_KEY is not set)`);
      return { kind: 'sent', messageId: `outbox:${path.basename(base)}` };
    },
  };
}
