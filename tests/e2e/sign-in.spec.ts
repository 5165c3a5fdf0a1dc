import { expect, test } from '@playwright/test';
import { signIn } from './app';
import { E2E_ADMIN } from './settings';

test('a wrong password is refused with a clear message and the email is kept', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(E2E_ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.banner[role=alert]')).toHaveText('Wrong email or password.');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(E2E_ADMIN.email);
  await expect(page).toHaveURL(/\/login/);
});

test('empty fields are named', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your email.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
});

test('a signed-out visitor is sent to sign in, then back where they were going', async ({ page }) => {
  await page.goto('/access-management/roles');
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel('Email', { exact: true }).fill(E2E_ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/access-management\/roles$/);
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
});

test('the layout offers Access Management with its four pages to an admin', async ({ page }) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('heading', { name: 'Access Management' })).toBeVisible();
  await expect(nav.getByRole('link')).toHaveText(['API Access', 'Roles', 'Users', 'Audit Log']);
});
