import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess } from '@/db/schema';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import { type AppServer, startAppServer } from '../support/app-server';
import { startFakeResend } from '../support/fake-resend';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { seedUser } from '../support/fixtures';
import { DAY_MS } from '@/lib/time';

let resend: Awaited<ReturnType<typeof startFakeResend>>;
let server: AppServer;

beforeAll(async () => {
  resend = await startFakeResend();
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await resend?.close();
});

it('the server runs the expiry job by itself, and a plain start needs no outside scheduler', async () => {
  const user = await seedUser();
  const admin = (await loadUserActor(user.id, '203.0.113.7'))!;
  const created = await createApiAccess(admin, { name: 'scheduled-notice', expiresAt: new Date(Date.now() + 20 * DAY_MS) });
  if (!created.ok) throw new Error(created.message);
  // As if created 40 days ago: its 30-day notice is due now.
  await db
    .update(apiAccess)
    .set({ validFrom: sql`now() - interval '40 days'`, noticeCheckAt: sql`now()` })
    .where(eq(apiAccess.id, created.data.apiAccess.id));

  server = await startAppServer({
    KEYGATE_SCHEDULER: 'on',
    KEYGATE_SCHEDULER_FIRST_RUN_MS: '200',
    RESEND_API_KEY: 're_scheduler_test',
    RESEND_BASE_URL: resend.url,
    KEYGATE_EMAIL_INTERVAL_MS: '0',
    APP_URL: 'https://keygate.example.com',
  });
  await expect.poll(() => resend.delivered().length, { timeout: 30_000 }).toBe(1);
  const [email] = resend.delivered();
  expect(email!.subject).toBe('API Access “scheduled-notice” expires within 30 days');
  expect(email!.to).toBe(user.email);
  expect(email!.html).toContain(`https://keygate.example.com/access-management/api-access/${created.data.apiAccess.id}/regenerate`);
  expect(email!.text).toContain('scheduled-notice');
  expect(resend.attempts[0]!.idempotencyKey).toMatch(/^keygate-expiry-notice\//);
}, 120_000);
