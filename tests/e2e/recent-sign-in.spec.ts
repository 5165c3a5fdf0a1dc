import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { apiAccessPage, unique } from './app';
import { expect, seedUser, test } from './fixtures';
import { E2E_DATA_DIR } from './settings';

const COOKIE = 'authjs.session-token';

test.use({ storageState: { cookies: [], origins: [] } });

test('a session signed in 20 minutes ago confirms the password before creating a key, then carries on with what was typed', async ({
  page,
  baseURL,
}) => {
  const user = await seedUser({ roleNames: ['ADMIN'] });
  // The session next-auth would have issued 20 minutes ago (the server's secret is this run's own).
  const secret = readFileSync(path.join(E2E_DATA_DIR, 'auth-secret'), 'utf8').trim();
  const value = await encode({
    token: { sub: user.id, email: user.email, name: user.email, sv: 0, authAt: Math.floor(Date.now() / 1000) - 20 * 60 },
    secret,
    salt: COOKIE,
    maxAge: 8 * 60 * 60,
  });
  await page.context().addCookies([{ name: COOKIE, value, url: baseURL! }]);

  const name = unique('confirm-first');
  await page.goto('/access-management/api-access/new');
  await page.getByLabel('Access Name').fill(name);
  await page.getByRole('radio', { name: '7 days' }).check();
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.locator('.banner[role=alert]')).toHaveText(
    'You signed in more than 15 minutes ago: confirm your password to continue.',
  );
  await page.getByLabel('Your password').fill('not my password');
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.locator('.banner[role=alert]')).toHaveText('That is not your password.');
  await expect(page.getByLabel('Access Name')).toHaveValue(name);
  await page.getByLabel('Your password').fill(user.password);
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();

  // Confirmed: the next sensitive action within 15 minutes goes through without asking.
  await apiAccessPage.open(page, `?q=${name}`);
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: `Delete ${name}?` })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access deleted.' })).toBeVisible();
});
