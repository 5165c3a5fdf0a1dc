import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import postgres from 'postgres';
import { apiAccessPage, unique } from './app';
import { expect, test } from './fixtures';
import { E2E_CRON_SECRET, E2E_DATA_DIR } from './settings';

const outbox = path.join(E2E_DATA_DIR, 'outbox');

/** The outbox email (HTML part) that names this key. */
function emailNaming(name: string): string {
  const file = readdirSync(outbox).find(
    (entry) => entry.endsWith('.html') && readFileSync(path.join(outbox, entry), 'utf8').includes(name),
  );
  if (!file) throw new Error(`no email names ${name}`);
  return readFileSync(path.join(outbox, file), 'utf8');
}

/** Opens the email in a tab of its own, finds the link a person would click (it opens a new tab), and goes there. */
async function follow(page: Page, html: string, label: string) {
  const email = await page.context().newPage();
  await email.setContent(html);
  const href = await email.getByRole('link', { name: label, exact: true }).getAttribute('href');
  await email.close();
  await page.goto(href!);
}

test('the cron route emails the author; the links open the key and its Regenerate page; the key shows the notice and the badge', async ({
  page,
  request,
  admin,
}) => {
  const name = unique('expiring-report');
  await apiAccessPage.createOk(page, { name, preset: '7 days' });

  // A key made 7 days before expiry gets no 7-day notice; make it one created three weeks ago.
  const sql = postgres(readFileSync(path.join(E2E_DATA_DIR, 'database-url'), 'utf8'), { max: 1 });
  await sql`update api_access set valid_from = now() - interval '21 days', notice_check_at = now() where name = ${name}`;
  await sql.end();

  expect((await request.get('/api/cron/expiry-notifications')).status()).toBe(401);
  const run = await request.get('/api/cron/expiry-notifications', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(run.status()).toBe(200);
  expect(await run.json()).toMatchObject({ sent: expect.any(Number), failed: 0 });

  const html = emailNaming(name);
  expect(html).toContain('expires within 7 days');
  expect(readdirSync(outbox).some((entry) => entry.endsWith('.txt') && readFileSync(path.join(outbox, entry), 'utf8').includes(name))).toBe(
    true,
  );

  await follow(page, html, 'View');
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  const notices = page.getByRole('region', { name: 'Expiry notices' });
  await expect(notices.getByRole('row').filter({ hasText: '7 days before' })).toContainText('Sent');
  await expect(notices).toContainText(admin.email);
  await expect(page.getByText('Expiring soon')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/expiry-notices.png', fullPage: true });

  await follow(page, html, 'Regenerate');
  await expect(page.getByRole('button', { name: 'Regenerate token' })).toBeVisible();

  // The table marks the key, and "Expiring soon" is a Status filter of its own.
  await apiAccessPage.open(page, `?q=${name}`);
  await expect(apiAccessPage.row(page, name)).toContainText('Expiring soon');
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByLabel('Status').selectOption({ label: 'Expiring soon' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=ExpiringSoon/);
  await expect(apiAccessPage.row(page, name)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/expiring-soon.png', fullPage: true });

  // A second run sends nothing more for it.
  const again = await request.get('/api/cron/expiry-notifications', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect((await again.json()).sent).toBe(0);
});
