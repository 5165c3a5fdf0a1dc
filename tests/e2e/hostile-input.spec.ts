import { apiAccessPage, rolesPage, unique, usersPage } from './app';
import { expect, test } from './fixtures';

test('markup typed into every text field is shown as text on every page, panel and audit entry', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const suffix = unique('x').slice(2);
  const keyName = `<img src=x onerror=alert(1)>${suffix}`;
  const description = `<script>alert(2)</script>"'&`;
  const roleDescription = `<svg onload=alert(3)>`;
  const userName = `<iframe src=javascript:alert(4)>`;

  await apiAccessPage.createOk(page, { name: keyName, description });
  await rolesPage.create(page, { name: unique('Escapes'), permissions: ['getUser'] });
  await expect(page.getByRole('status')).toHaveText('Role created.');
  await usersPage.create(page, {
    email: `${unique('x')}@example.com`,
    name: userName,
    password: 'escaping password',
    roles: ['READ_ONLY'],
  });
  await expect(page.getByRole('status')).toHaveText('User created.');
  await page.goto('/access-management/roles/new');
  await page.getByLabel('Name', { exact: true }).fill(unique('Described'));
  await page.getByLabel('Description').fill(roleDescription);
  await page.getByRole('checkbox', { name: /^getUser / }).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('status')).toHaveText('Role created.');

  await apiAccessPage.open(page, `?q=${encodeURIComponent(suffix)}`);
  const row = apiAccessPage.row(page, keyName);
  await expect(row).toContainText(keyName);
  await expect(row).toContainText(description);
  await row.getByRole('link', { name: keyName }).click();
  await expect(page.getByRole('dialog', { name: keyName })).toContainText(description);
  const id = (await page.getByRole('dialog', { name: keyName }).locator('code').first().textContent())!;
  for (const path of [`/access-management/api-access/${id}`, `/access-management/api-access/${id}/edit`]) {
    await page.goto(path);
    await expect(page.locator('main')).toContainText(keyName);
  }
  await page.goto('/access-management/roles');
  await expect(page.locator('main')).toContainText(roleDescription);
  await page.goto('/access-management/users');
  await expect(page.locator('main')).toContainText(userName);
  await page.goto('/access-management/audit-log');
  await expect(page.locator('main')).toContainText(keyName);
  await expect(page.locator('main')).toContainText(userName);

  // Nothing ran: no dialog opened, and no element was made from the text.
  expect(dialogs).toEqual([]);
  await expect(page.locator('main img[src="x"], main svg[onload], main iframe')).toHaveCount(0);
});
