import { apiAccessPage, signIn, unique } from './app';
import { expect, seedUser, test } from './fixtures';

// SPEC: "Every invalid input gets a clear message next to its field; nothing is lost from the form."
// After a refusal each form still holds what was typed, and focus is on the first field in error.

test('editing a key: a refusal keeps what was typed and focuses the field in error', async ({ page }) => {
  const name = unique('keep-edit');
  await apiAccessPage.createOk(page, { name });
  await apiAccessPage.open(page, `?q=${name}`);
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('typed before the refusal');
  await page.getByLabel('Tags').fill('kept, also-kept');
  await page.getByLabel('Access Name').fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('#name-error')).toBeVisible();
  await expect(page.getByLabel('Access Name')).toBeFocused();
  await expect(page.getByLabel('Description')).toHaveValue('typed before the refusal');
  await expect(page.getByLabel('Tags')).toHaveValue('kept, also-kept');
});

test('a role: a refusal keeps name, description, permissions and patterns, and focuses the field in error', async ({ page }) => {
  const name = unique('Keep role');
  await page.goto('/access-management/roles/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('typed before the refusal');
  await page.getByRole('checkbox', { name: /^createApiAccess / }).check();
  await page.getByLabel('Access Name pattern (optional)').fill('(unclosed');
  await page.getByRole('button', { name: 'Create role' }).click();
  const pattern = page.getByLabel('Access Name pattern (optional)');
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(pattern).toBeFocused();
  await expect(pattern).toHaveValue('(unclosed');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(page.getByLabel('Description')).toHaveValue('typed before the refusal');
  await expect(page.getByRole('checkbox', { name: /^createApiAccess / })).toBeChecked();
});

test('a user: a refusal keeps what was typed (not the password) and focuses the first field in error', async ({ page }) => {
  await page.goto('/access-management/users/new');
  await page.getByLabel('Email', { exact: true }).fill('not an email');
  await page.getByLabel('Name', { exact: true }).fill('Kept Name');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('checkbox', { name: /^READ_ONLY\b/ }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('not an email');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Kept Name');
  await expect(page.getByRole('checkbox', { name: /^READ_ONLY\b/ })).toBeChecked();
});

test('the Account page: a wrong current password is refused with focus on it', async ({ browser }) => {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(page, user.email, user.password);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password', { exact: true }).fill('a brand new password');
  await form.getByLabel('New password again').fill('a brand new password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Current password')).toBeFocused();
});
