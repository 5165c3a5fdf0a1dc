import { expect, type Page } from '@playwright/test';
import { E2E_ADMIN } from './settings';

export const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

export async function signIn(page: Page, email = E2E_ADMIN.email, password = E2E_ADMIN.password) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Page object for the Roles screens. */
export const rolesPage = {
  async create(page: Page, role: { name: string; permissions: string[]; pattern?: string }) {
    await page.goto('/access-management/roles/new');
    await page.getByLabel('Name', { exact: true }).fill(role.name);
    for (const permission of role.permissions) await page.getByRole('checkbox', { name: new RegExp(`^${permission} `) }).check();
    if (role.pattern !== undefined) await page.getByLabel('Access Name pattern (optional)').fill(role.pattern);
    await page.getByRole('button', { name: 'Create role' }).click();
  },
};

/** Page object for the Users screens. */
export const usersPage = {
  async create(page: Page, user: { email: string; name: string; password: string; roles: string[] }) {
    await page.goto('/access-management/users/new');
    await page.getByLabel('Email', { exact: true }).fill(user.email);
    await page.getByLabel('Name', { exact: true }).fill(user.name);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    for (const role of user.roles) await page.getByRole('checkbox', { name: new RegExp(`^${role}\\b`) }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
  },
};

type NewKey = { name: string; description?: string; tags?: string; roles?: string[]; preset?: string };

/** Page object for the API Access screens. */
export const apiAccessPage = {
  async open(page: Page, query = '') {
    await page.goto(`/access-management/api-access${query}`);
    await expect(page.getByRole('heading', { name: 'API Access', level: 1 })).toBeVisible();
  },
  async create(page: Page, key: NewKey) {
    await page.goto('/access-management/api-access/new');
    await page.getByLabel('Access Name').fill(key.name);
    if (key.description) await page.getByLabel('Description').fill(key.description);
    if (key.tags) await page.getByLabel('Tags').fill(key.tags);
    for (const role of key.roles ?? []) await page.getByRole('checkbox', { name: new RegExp(`^${role}\\b`) }).check();
    await page.getByRole('radio', { name: key.preset ?? '30 days' }).check();
    await page.getByRole('button', { name: 'Create API Access' }).click();
  },
  /** Creates and waits for the one-time token, which it returns. */
  async createOk(page: Page, key: NewKey): Promise<string> {
    await apiAccessPage.create(page, key);
    await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
    return apiAccessPage.revealedToken(page);
  },
  /** Reads the one-time token after creation or regeneration. */
  async revealedToken(page: Page): Promise<string> {
    const field = page.getByLabel('Token', { exact: true });
    await expect(field).toHaveAttribute('type', 'password');
    return field.inputValue();
  },
  row(page: Page, name: string) {
    return page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });
  },
};
