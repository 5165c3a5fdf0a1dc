import type { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { expectNoSeriousViolations } from './axe';
import { expect, seedUser, test } from './fixtures';
import { apiAccessPage, signIn, unique } from './app';

/** Each page opened in turn and checked by axe in both schemes, named by its path. */
async function expectPagesAccessible(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await expectNoSeriousViolations(page, path);
  }
}

test('every API Access page passes axe: the table, the one-time token, the forms, the panel, the menu and a dialog', async ({ page }) => {
  // Each page twice, light and dark.
  test.setTimeout(150_000);
  const name = unique('a11y');
  await apiAccessPage.createOk(page, { name, tags: 'a11y' });
  await expectNoSeriousViolations(page, 'token shown');
  await expectPagesAccessible(page, [
    '/access-management/api-access',
    '/access-management/api-access?status=Active&tag=a11y',
    '/access-management/api-access?q=nothing-matches-this',
    '/access-management/api-access/new',
  ]);
  await apiAccessPage.open(page, `?q=${name}`);
  const id = (await apiAccessPage.row(page, name).locator('code').textContent())!;
  await expectPagesAccessible(page, [
    `/access-management/api-access/${id}`,
    `/access-management/api-access/${id}/edit`,
    `/access-management/api-access/${id}/regenerate`,
  ]);
  // The panel, the open menu and a dialog, as they are shown.
  await apiAccessPage.open(page, `?q=${name}`);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('dialog', { name })).toBeVisible();
  await expectNoSeriousViolations(page, 'panel');
  await page.keyboard.press('Escape');
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await expectNoSeriousViolations(page, 'menu');
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expectNoSeriousViolations(page, 'dialog');
});

test('the sign-in, Roles, Users and Audit Log pages pass axe', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const login = await signedOut.newPage();
  await login.goto('/login');
  await expectNoSeriousViolations(login, 'login');
  await signedOut.close();
  await expectPagesAccessible(page, [
    '/access-management/roles',
    '/access-management/roles/new',
    '/access-management/users',
    '/access-management/users/new',
    '/access-management/audit-log',
  ]);
});

test('the menu, dialogs, panel and filters work from the keyboard alone', async ({ page }) => {
  const tag = unique('kbd');
  const name = `${tag}-key`;
  await apiAccessPage.createOk(page, { name, tags: tag });
  await apiAccessPage.open(page, `?q=${name}`);

  // Filters: the button toggles the panel, whose fields take typing and Enter submits.
  const filters = page.getByRole('button', { name: 'Filters', exact: true });
  await filters.focus();
  await page.keyboard.press('Enter');
  await expect(filters).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Status')).toBeFocused();
  await page.getByLabel('Tag').focus();
  await page.keyboard.type(tag);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`tag=${tag}`));

  // The Options menu: Enter opens it on the first item, arrows move, Escape closes and returns focus.
  const options = apiAccessPage.row(page, name).getByRole('button', { name: 'Options' });
  await options.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Regenerate' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Disable' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(options).toBeFocused();

  // The delete dialog opens with focus on Cancel; Escape closes it and nothing is deleted.
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(apiAccessPage.row(page, name)).toHaveCount(1);

  // The panel: Enter on the name opens it with focus inside; Escape closes it.
  await page.getByRole('link', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Selection and bulk delete by keyboard: Space ticks, the dialog confirms with Enter.
  await page.getByRole('checkbox', { name: `Select ${name}` }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Delete selected' }).focus();
  await page.keyboard.press('Enter');
  const bulk = page.getByRole('dialog', { name: 'Delete 1 API Access?' });
  await expect(bulk).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(bulk.getByRole('button', { name: 'Delete 1' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '1 API Access deleted.' })).toBeVisible();
});

test('the two-factor pages pass axe: set-up, recovery codes, the code step, the Account page', async ({ browser }) => {
  test.setTimeout(120_000);
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(page, user.email, user.password);
  await page.goto('/account');
  await expectNoSeriousViolations(page, 'account, two-factor off');
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const key = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
  await expectNoSeriousViolations(page, 'two-factor set-up');
  await page.getByLabel('Authentication code').fill(TOTP.generate({ secret: Secret.fromBase32(key) }));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  await expectNoSeriousViolations(page, 'recovery codes');
  await page.goto('/account');
  await expectNoSeriousViolations(page, 'account, two-factor on');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  await expectNoSeriousViolations(page, 'authentication code step');
});
