import type { Page } from '@playwright/test';
import { axeViolations, violationText } from './axe';
import { expect, seedUser, test as base } from './fixtures';
import { apiAccessPage, rolesPage, unique } from './app';

// A phone, a tablet (the narrowest width with the side navigation) and a desktop.
const WIDTHS = [390, 768, 1440] as const;
const HEIGHT = 800;
// The table with this file's search, where a closed panel returns to.
const TABLE_URL = /\/access-management\/api-access\?q=layout-/;

type Subjects = { key: { id: string; name: string }; roleId: string; userId: string };

/**
 * What the pages show, made once per worker: a key whose name, description and tags are as long
 * as they may be (a name that cannot break is what pushes a page wide), a role and a user.
 */
const test = base.extend<object, { subjects: Subjects }>({
  subjects: [
    async ({ browser, workerAdmin }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL, storageState: workerAdmin.storageState });
      const page = await context.newPage();
      const name = `${unique('layout')}-${'x'.repeat(50)}`;
      await apiAccessPage.createOk(page, {
        name,
        description: 'A description long enough to wrap over several lines on a phone, as real ones do. '.repeat(4),
        tags: `layout, ${'a-tag-as-long-as-a-tag-may-be-0123456789'.slice(0, 40)}, ci, prod, eu`,
      });
      await apiAccessPage.open(page, `?q=${name}`);
      const id = (await apiAccessPage.row(page, name).locator('code').textContent())!;
      const roleName = unique('layout-role');
      await rolesPage.create(page, { name: roleName, permissions: ['listApiAccess', 'createApiAccess'], pattern: 'layout-[a-z0-9-]+' });
      await expect(page.getByRole('status')).toHaveText('Role created.');
      const roleHref = (await page.getByRole('link', { name: roleName, exact: true }).getAttribute('href'))!;
      const user = await seedUser({ roleNames: ['READ_ONLY'] });
      await context.close();
      await use({ key: { id, name }, roleId: roleHref.split('/').pop()!, userId: user.id });
    },
    { scope: 'worker' },
  ],
});

/**
 * The page does not scroll sideways: the document is no wider than the viewport (its width less a
 * vertical scrollbar, which is stricter than `innerWidth`). On failure, the elements that stick out.
 */
async function expectNoHorizontalScroll(page: Page, label: string) {
  await page.evaluate(() => document.fonts.ready);
  const { scrollWidth, clientWidth, innerWidth, offenders } = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const clipped = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const offenders =
      root.scrollWidth > width
        ? Array.from(document.body.querySelectorAll('*'))
            .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !clipped(element))
            .filter((element) => !element.parentElement || element.parentElement.getBoundingClientRect().right <= width + 0.5)
            .slice(0, 5)
            .map(
              (element) => `<${element.tagName.toLowerCase()} class="${element.className}"> right ${element.getBoundingClientRect().right}`,
            )
        : [];
    return { scrollWidth: root.scrollWidth, clientWidth: width, innerWidth: window.innerWidth, offenders };
  });
  expect(scrollWidth, `${label}: the page scrolls sideways (${offenders.join('; ')})`).toBeLessThanOrEqual(clientWidth);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/**
 * Every control is at least 24 × 24 px (WCAG 2.5.8), by its own box: buttons, fields, checkboxes,
 * radios, summaries, menu items, and links that stand alone (a link inside a sentence is exempt,
 * as WCAG exempts it). axe's own target-size check (which also counts spacing) runs as well, and
 * so does its check that a box that scrolls can be reached from the keyboard.
 */
async function expectTouchTargets(page: Page, label: string) {
  const small = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="menuitem"]'),
    )
      .filter((element) => element.checkVisibility({ visibilityProperty: true }))
      .filter((element) => !element.closest('.visually-hidden'))
      .filter((element) => element.tagName !== 'A' || element.parentElement?.textContent?.trim() === element.textContent?.trim())
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 23.5 || box.height < 23.5)
      .map(
        ({ element, box }) =>
          `<${element.tagName.toLowerCase()}> "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${box.width.toFixed(1)}×${box.height.toFixed(1)}`,
      ),
  );
  expect(small, `${label}: targets under 24 × 24 px`).toEqual([]);
  const violations = await axeViolations(page, ['target-size', 'scrollable-region-focusable']);
  expect(violations.map(violationText), `${label}: axe`).toEqual([]);
}

async function expectFits(page: Page, label: string) {
  await expectNoHorizontalScroll(page, label);
  await expectTouchTargets(page, label);
}

/** A modal shown on a phone takes the whole width; wider, it stays within the viewport. */
async function expectDialogFits(page: Page, dialog: ReturnType<Page['getByRole']>, width: number, label: string) {
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x, `${label}: inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${label}: inside the viewport`).toBeLessThanOrEqual(width + 0.5);
  if (width < 768) expect(box.width, `${label}: the full width on a phone`).toBeGreaterThanOrEqual(width - 0.5);
  await expectFits(page, label);
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: HEIGHT } });

    test('every page fits the width, its controls big enough to touch', async ({ page, browser, subjects }) => {
      test.setTimeout(240_000);
      const { key, roleId, userId } = subjects;
      const table = '/access-management/api-access';
      const pages: [path: string, ready: (page: Page) => Promise<void>][] = [
        [table, (p) => expect(p.getByRole('heading', { name: 'API Access', level: 1 })).toBeVisible()],
        [`${table}?q=${key.name}&tag=layout`, (p) => expect(apiAccessPage.row(p, key.name)).toBeVisible()],
        [`${table}/${key.id}`, (p) => expect(p.getByRole('heading', { name: key.name, level: 2 })).toBeVisible()],
        [`${table}/new`, (p) => expect(p.getByRole('heading', { name: 'Create API Access', level: 1 })).toBeVisible()],
        [`${table}/${key.id}/edit`, (p) => expect(p.getByLabel('Access Name')).toHaveValue(key.name)],
        [`${table}/${key.id}/regenerate`, (p) => expect(p.getByRole('button', { name: 'Regenerate token' })).toBeVisible()],
        ['/access-management/roles', (p) => expect(p.getByRole('heading', { name: 'Roles', level: 1 })).toBeVisible()],
        [`/access-management/roles/${roleId}`, (p) => expect(p.getByRole('button', { name: 'Delete role' })).toBeVisible()],
        ['/access-management/roles/new', (p) => expect(p.getByLabel('Name', { exact: true })).toBeVisible()],
        ['/access-management/users', (p) => expect(p.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()],
        [`/access-management/users/${userId}`, (p) => expect(p.getByRole('button', { name: 'Delete user' })).toBeVisible()],
        ['/access-management/users/new', (p) => expect(p.getByLabel('Email', { exact: true })).toBeVisible()],
        ['/access-management/audit-log', (p) => expect(p.getByRole('heading', { name: 'Audit Log', level: 1 })).toBeVisible()],
        ['/account', (p) => expect(p.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible()],
      ];
      for (const [path, ready] of pages) {
        await page.goto(path);
        await ready(page);
        await expectFits(page, path);
      }

      // The create form refusing input (messages beside the fields), then the one-time token.
      await page.goto(`${table}/new`);
      await page.getByLabel('Tags').fill('not a tag!');
      await page.getByRole('button', { name: 'Create API Access' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
      await expectFits(page, 'create form with errors');
      await apiAccessPage.createOk(page, { name: `${unique('layout-new')}-${'y'.repeat(40)}`, tags: 'layout' });
      await expectFits(page, 'token shown');

      // The open filter panel.
      await page.goto(table);
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await expect(page.getByLabel('Status')).toBeVisible();
      await expectFits(page, 'filters');

      const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width, height: HEIGHT } });
      const login = await signedOut.newPage();
      await login.goto('/login');
      await expect(login.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      await expectFits(login, 'login');
      await signedOut.close();
    });

    test('panels, menus and dialogs fit the width', async ({ page, subjects }) => {
      test.setTimeout(180_000);
      const { key, roleId } = subjects;
      const table = `/access-management/api-access?q=${key.name}&tag=layout`;

      // The detail view and the create form as panels over the table.
      await page.goto(table);
      await page.getByRole('link', { name: key.name, exact: true }).click();
      await expectDialogFits(page, page.getByRole('dialog', { name: key.name }), width, 'detail panel');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      // Closing a panel goes back to the table's URL: wait for it, or the next navigation races it.
      await expect(page).toHaveURL(TABLE_URL);
      await page.getByRole('button', { name: 'Create API Access' }).click();
      await expectDialogFits(page, page.getByRole('dialog', { name: 'Create API Access' }), width, 'create panel');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page).toHaveURL(TABLE_URL);

      // The Options menu opens beside its button, wholly on screen, even from a table that scrolls in its box.
      await page.goto(table);
      await apiAccessPage.row(page, key.name).getByRole('button', { name: 'Options' }).click();
      const menu = page.getByRole('menu');
      await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
      const box = (await menu.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT);
      await expectFits(page, 'options menu');
      await menu.getByRole('menuitem', { name: 'Delete' }).click();
      await expectDialogFits(page, page.getByRole('dialog', { name: `Delete ${key.name}?` }), width, 'delete dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('checkbox', { name: `Select ${key.name}` }).check();
      await page.getByRole('button', { name: 'Delete selected' }).click();
      await expectDialogFits(page, page.getByRole('dialog', { name: 'Delete 1 API Access?' }), width, '"Delete selected" dialog');
      await page.keyboard.press('Escape');

      await page.goto(`/access-management/api-access/${key.id}`);
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await expectDialogFits(page, page.getByRole('dialog', { name: `Delete ${key.name}?` }), width, 'delete dialog of the detail view');
      await page.keyboard.press('Escape');

      await page.goto(`/access-management/roles/${roleId}`);
      await page.getByRole('button', { name: 'Delete role' }).click();
      await expectDialogFits(page, page.getByRole('dialog'), width, 'delete role dialog');
    });
  });
}

test.describe('the navigation', () => {
  test('below 768 px it folds behind a labelled menu button that works from the keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: HEIGHT });
    await page.goto('/access-management/api-access');
    const nav = page.getByRole('navigation', { name: 'Main', includeHidden: true });
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toHaveAttribute('aria-controls', (await nav.getAttribute('id'))!);
    await expect(nav).toBeHidden();

    // Pointer: opens and closes.
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link')).toHaveText(['API Access', 'Roles', 'Users', 'Audit Log', 'Webhooks']);
    await expectNoHorizontalScroll(page, 'navigation open');
    await expectTouchTargets(page, 'navigation open');
    await menu.click();
    await expect(nav).toBeHidden();

    // Keyboard: Enter opens, the next Tab is in the navigation, Escape closes and returns to the button; Space toggles too.
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(nav).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'API Access' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Space');
    await expect(nav).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await page.keyboard.press('Space');
    await expect(nav).toBeVisible();

    // Following a link goes there and folds the navigation away.
    await nav.getByRole('link', { name: 'Roles' }).click();
    await expect(page.getByRole('heading', { name: 'Roles', level: 1 })).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });

  for (const width of [768, 1440]) {
    test(`at ${width} px it is a sidebar, with no menu button`, async ({ page }) => {
      await page.setViewportSize({ width, height: HEIGHT });
      await page.goto('/access-management/api-access');
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
        'API Access',
        'Roles',
        'Users',
        'Audit Log',
        'Webhooks',
      ]);
      await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
    });
  }
});
