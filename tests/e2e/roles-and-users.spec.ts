import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { rolesPage, signIn, unique, usersPage } from './app';

test('an admin creates a role with a pattern and a user with it; the user sees only what the role allows', async ({
  page,
  browser,
  admin: adminUser,
}) => {
  const roleName = unique('CI Deployer');
  const email = `${unique('ci')}@example.com`;
  const password = 'ci user password';

  // An invalid pattern is refused next to its field; nothing typed is lost.
  await rolesPage.create(page, { name: roleName, permissions: ['listApiAccess', 'createApiAccess'], pattern: 'ci-[' });
  await expect(page.locator('#pattern-createApiAccess-error')).toContainText('Invalid regular expression');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(roleName);
  await expect(page.getByRole('checkbox', { name: /^listApiAccess / })).toBeChecked();
  await page.getByLabel('Access Name pattern (optional)').fill('ci-[a-z0-9-]+');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('status')).toHaveText('Role created.');
  const row = page.getByRole('row', { name: new RegExp(roleName) });
  await expect(row).toContainText('ci-[a-z0-9-]+');

  await usersPage.create(page, { email, name: 'CI Bot Owner', password, roles: [roleName] });
  await expect(page.getByRole('status')).toHaveText('User created.');
  await expect(page.getByRole('row', { name: new RegExp(email) })).toContainText(roleName);
  // The new user signs in in a browser of their own.
  const userContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  page = await userContext.newPage();
  await signIn(page, email, password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['API Access']);
  // Allowed to list but to change nothing: rows without checkboxes or an Options menu.
  await page.goto('/access-management/api-access');
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Options' })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  for (const path of [
    '/access-management/roles',
    '/access-management/users',
    '/access-management/audit-log',
    '/access-management/roles/new',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(roleName);
  }

  // The admin disables the user: the very next request of the user's session is refused.
  const adminContext = await browser.newContext({ storageState: adminUser.storageState });
  const admin = await adminContext.newPage();
  await admin.goto('/access-management/users');
  await admin.getByRole('link', { name: 'CI Bot Owner' }).click();
  await admin.getByRole('checkbox', { name: /Disabled/ }).check();
  await admin.getByRole('button', { name: 'Save user' }).click();
  await expect(admin.getByRole('status')).toHaveText('User saved.');
  await adminContext.close();

  await page.goto('/access-management/api-access');
  await expect(page).toHaveURL(/\/login/);
});

test('bad role input gets a clear message and changes nothing', async ({ page }) => {
  await rolesPage.create(page, { name: 'READ_ONLY', permissions: ['getUser'] });
  await expect(page.locator('#name-error')).toHaveText('A role named “READ_ONLY” already exists.');
  // The field stops at 64 characters; the server refuses what the browser lets through.
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('maxlength', '64');
  await page.getByLabel('Name', { exact: true }).fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.locator('#name-error')).toHaveText('Use letters, digits, spaces and - _ . : only.');
  await expect(page.getByRole('checkbox', { name: /^getUser / })).toBeChecked();
  await page.goto('/access-management/roles');
  await expect(page.locator('main')).not.toContainText('<script>');
  await expect(page.getByRole('link', { name: 'READ_ONLY' })).toHaveCount(1);
});

test('a role in use cannot be deleted; the reason is shown', async ({ page }) => {
  const roleName = unique('Support');
  await rolesPage.create(page, { name: roleName, permissions: ['getUser'] });
  await expect(page.getByRole('status')).toHaveText('Role created.');
  await usersPage.create(page, {
    email: `${unique('s')}@example.com`,
    name: 'Support Person',
    password: 'support password',
    roles: [roleName],
  });
  await expect(page.getByRole('status')).toHaveText('User created.');
  await page.goto('/access-management/roles');
  await page.getByRole('link', { name: roleName }).click();
  await page.getByRole('button', { name: 'Delete role' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.banner[role=alert]')).toHaveText(`${roleName} is assigned to 1 user. Remove it from them first.`);
});

test('the audit log shows who changed what, with before and after', async ({ page, admin }) => {
  const roleName = unique('Audited');
  await rolesPage.create(page, { name: roleName, permissions: ['getAuditLog'] });
  await expect(page.getByRole('status')).toHaveText('Role created.');
  await page.goto('/access-management/audit-log');
  const entry = page.getByRole('row', { name: new RegExp(roleName) }).first();
  await expect(entry).toContainText('role.create');
  await expect(entry).toContainText(admin.email.split('@')[0]!);
  await expect(entry).toContainText('127.0.0.1');

  // The entry folds its before/after away until opened; its target links to the role while it exists.
  const changes = entry.locator('details');
  await expect(changes.getByRole('definition').first()).toBeHidden();
  await changes.locator('summary').click();
  await expect(changes.getByRole('definition').first()).toBeVisible();
  await expect(changes).toContainText(`after: ${roleName}`);
  await expect(changes).toContainText('after: getAuditLog');
  await expect(entry.getByRole('link', { name: roleName })).toBeVisible();

  // Filters live in the URL and combine; the back button restores them.
  await page.getByLabel('Target').fill(roleName);
  await page.getByLabel('Action').fill('role.');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/action=role\.&target=/);
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Action').fill('user.');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No entry matches these filters.')).toBeVisible();
  await page.goBack();
  await expect(page.locator('tbody tr')).toHaveCount(1);

  // "Export CSV" exports exactly what the filters select.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const rows = parse(readFileSync((await download.path())!, 'utf8')) as string[][];
  expect(rows[0]![0]).toBe('When (UTC)');
  expect(rows.slice(1).map((row) => [row[4], row[6]])).toEqual([['role.create', roleName]]);

  // Once the role is deleted, its entries name it "(deleted)" instead of linking to it.
  await page.goto('/access-management/audit-log');
  await page
    .getByRole('row', { name: new RegExp(roleName) })
    .first()
    .getByRole('link', { name: roleName })
    .click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(roleName);
  await page.getByRole('button', { name: 'Delete role' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toHaveText('Role deleted.');
  await page.goto(`/access-management/audit-log?target=${roleName}`);
  await expect(page.locator('tbody tr')).toHaveCount(2);
  for (const row of await page.locator('tbody tr').all()) {
    await expect(row).toContainText(`${roleName} (deleted)`);
    await expect(row.getByRole('link', { name: roleName })).toHaveCount(0);
  }
  // The actor still exists: a link to the user.
  await expect(
    page
      .locator('tbody tr')
      .first()
      .getByRole('link', { name: new RegExp(admin.email.split('@')[0]!) }),
  ).toBeVisible();
});
