import path from 'node:path';
import { dataDir } from '@/lib/data-dir';
import { ensurePrivateDir, writePrivateFile } from '@/lib/private-files';
import { emailFrom } from './email-from';
import type { Mailer } from './mailer';
import { log } from '@/lib/log/logger';

/**
 * Without RESEND_API_KEY: each email becomes `<key>.html` and `<key>.txt` under .data/outbox/.
 * Named by the idempotency key, so writing a retried email again changes nothing. The folders and
 * files are the server user's alone (0700/0600): they name people, their keys and when those expire.
 */
export function outboxMailer(folder?: string): Mailer {
  const directory = folder ?? path.join(dataDir(), 'outbox');
  return {
    describe: `the outbox folder ${path.relative(process.cwd(), directory) || directory}`,
    async send(email) {
      // The data directory too, when the server did not start through server/start.ts (which makes it private).
      if (!folder) await ensurePrivateDir(dataDir());
      await ensurePrivateDir(directory);
      const base = path.join(directory, email.idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '_'));
      const headers = [`From: ${emailFrom()}`, `To: ${email.to}`, `Subject: ${email.subject}`, `Idempotency-Key: ${email.idempotencyKey}`];
      await writePrivateFile(`${base}.html`, email.html);
      await writePrivateFile(`${base}.txt`, `${headers.join('\n')}\n\n${email.text}\n`);
      log().info(`Email to ${email.to} written to ${path.relative(process.cwd(), base)}.html and .txt (RESEND_API_KEY is not set)`);
      return { kind: 'sent', messageId: `outbox:${path.basename(base)}` };
    },
  };
}
