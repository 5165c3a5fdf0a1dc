import { signIn } from './app';
import { expect, seedUser, test } from './fixtures';

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a wrong password is refused with a clear message and the email is kept', async ({ page }) => {
    const user = await seedUser();
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('.banner[role=alert]')).toHaveText('Wrong email or password.');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(user.email);
    await expect(page).toHaveURL(/\/login/);
  });

  test('empty fields are named', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('Enter your email.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
  });

  test('signing out ends the session on the server: a copy of its cookie no longer signs anyone in', async ({ page, browser, baseURL }) => {
    const user = await seedUser();
    await signIn(page, user.email, user.password);
    const copied = await page.context().cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);

    const thief = await browser.newContext({ baseURL });
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto('/access-management/roles');
    await expect(stolen).toHaveURL(/\/login/);
    await expect(stolen.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await thief.close();
  });

  test('a signed-out visitor is sent to sign in, then back where they were going', async ({ page }) => {
    const user = await seedUser();
    await page.goto('/access-management/roles');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await page.getByLabel('Email', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/access-management\/roles$/);
    await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  });
});

test('the layout offers Access Management with its five pages to an admin', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('heading', { name: 'Access Management' })).toBeVisible();
  await expect(nav.getByRole('link')).toHaveText(['API Access', 'Roles', 'Users', 'Audit Log', 'Webhooks']);
});
