import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { apiAccessPage, unique } from './app';
import type { Page } from '@playwright/test';
import { expect, seedUser, test } from './fixtures';
import { E2E_DATA_DIR } from './settings';

const COOKIE = 'authjs.session-token';

test.use({ storageState: { cookies: [], origins: [] } });

/** An ADMIN whose session next-auth would have issued 20 minutes ago (the server's secret is this run's own). */
async function signedInLongAgo(page: Page, baseURL: string) {
  const user = await seedUser({ roleNames: ['ADMIN'] });
  const secret = readFileSync(path.join(E2E_DATA_DIR, 'auth-secret'), 'utf8').trim();
  const value = await encode({
    token: { sub: user.id, email: user.email, name: user.email, sv: 0, authAt: Math.floor(Date.now() / 1000) - 20 * 60, sid: randomUUID() },
    secret,
    salt: COOKIE,
    maxAge: 8 * 60 * 60,
  });
  await page.context().addCookies([{ name: COOKIE, value, url: baseURL }]);
  return user;
}

const CONFIRM = 'You signed in more than 15 minutes ago: confirm your password to continue.';

test('a session signed in 20 minutes ago confirms the password before creating a key, then carries on with what was typed', async ({
  page,
  baseURL,
}) => {
  const user = await signedInLongAgo(page, baseURL!);

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

test.describe('decided from what is stored, never from the form', () => {
  test('changing another user’s roles asks for the password even when the form claims the roles were already so', async ({
    page,
    baseURL,
  }) => {
    await signedInLongAgo(page, baseURL!);
    const other = await seedUser({ roleNames: ['READ_ONLY'] });
    await page.goto(`/access-management/users/${other.id}`);
    await page.getByRole('checkbox', { name: /^ADMIN\b/ }).check();
    // The probe's forgery: the roles being set, sent again as the roles "before".
    await page.evaluate(() => {
      const form = document.querySelector('form:has(input[name=roles])')!;
      for (const box of form.querySelectorAll<HTMLInputElement>('input[name=roles]:checked')) {
        const forged = Object.assign(document.createElement('input'), { type: 'hidden', name: 'rolesBefore', value: box.value });
        form.append(forged);
      }
    });
    await page.getByRole('button', { name: 'Save user' }).click();
    await expect(page.locator('.banner[role=alert]')).toHaveText(CONFIRM);
    await page.goto(`/access-management/users/${other.id}`);
    await expect(page.getByRole('checkbox', { name: /^ADMIN\b/ })).not.toBeChecked();
  });

  test('disabling and deleting a user ask for the password', async ({ page, baseURL }) => {
    await signedInLongAgo(page, baseURL!);
    const other = await seedUser({ roleNames: ['READ_ONLY'] });
    await page.goto(`/access-management/users/${other.id}`);
    await page.getByRole('checkbox', { name: 'Disabled (cannot sign in)' }).check();
    await page.getByRole('button', { name: 'Save user' }).click();
    await expect(page.locator('.banner[role=alert]')).toHaveText(CONFIRM);

    await page.goto(`/access-management/users/${other.id}`);
    await page.getByRole('button', { name: 'Delete user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog.locator('.banner[role=alert]')).toHaveText(CONFIRM);
    await page.goto(`/access-management/users/${other.id}`);
    await expect(page.getByRole('checkbox', { name: 'Disabled (cannot sign in)' })).not.toBeChecked();
  });

  test('adding a role to a key asks for the password; other edits do not', async ({ page, baseURL }) => {
    const user = await signedInLongAgo(page, baseURL!);
    const name = unique('add-role');
    // The key itself is made with the password confirmed once, then the confirmation is dropped.
    await apiAccessPage.create(page, { name, preset: '7 days' });
    await page.getByLabel('Your password').fill(user.password);
    await page.getByRole('button', { name: 'Create API Access' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
    await page.context().clearCookies({ name: 'keygate-confirmed' });

    await apiAccessPage.open(page, `?q=${name}`);
    await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByLabel('Description').fill('no new role: no password');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\?saved=updated$/);

    await page.goto(page.url().replace(/\?.*$/, '') + '/edit');
    await page.getByRole('checkbox', { name: /^READ_ONLY\b/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('.banner[role=alert]')).toHaveText(CONFIRM);
  });
});
