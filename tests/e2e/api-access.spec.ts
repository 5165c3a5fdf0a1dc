import { expect, test } from './fixtures';
import { apiAccessPage, rolesPage, signIn, unique, usersPage } from './app';

test('create shows the token once, masked, with Show/Hide and Copy; the table lists the key', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = unique('billing-export');
  await apiAccessPage.create(page, {
    name,
    description: 'Nightly export',
    tags: 'team:billing, env/prod',
    roles: ['READ_ONLY'],
    preset: '90 days',
  });
  await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
  await expect(page.getByText('It will not be shown again')).toBeVisible();
  const token = await apiAccessPage.revealedToken(page);
  expect(token).toMatch(/^kg_[0-9A-Za-z]{49}$/);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByLabel('Token', { exact: true })).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByLabel('Token', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Copy' }).click();
  // "Copied" on the button for a moment, announced through the status region, then "Copy" again.
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await expect(page.getByRole('button', { name: 'Copy', exact: true })).toBeVisible({ timeout: 5000 });
  await page.screenshot({ path: 'test-results/screens/created.png', fullPage: true });

  await page.getByRole('link', { name: 'Done' }).click();
  const row = apiAccessPage.row(page, name);
  await expect(row).toContainText('Nightly export');
  await expect(row).toContainText('team:billing');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('API Key');
  // Dates at a glance, the exact UTC time in the title and datetime.
  const expiry = row.locator('time').first();
  await expect(expiry).toHaveText(/^in 3 months$/);
  await expect(expiry).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await expect(expiry).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expect(row).toContainText(/ak_[a-z2-7]{20}/);
  await expect(page.locator('body')).not.toContainText(token);
  await page.screenshot({ path: 'test-results/screens/table.png', fullPage: true });
});

test('bad input gets a message next to each field and nothing typed is lost', async ({ page }) => {
  await page.goto('/access-management/api-access/new');
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.locator('#name-error')).toHaveText('Enter an Access Name.');
  await page.getByLabel('Access Name').fill('<script>alert(1)</script>');
  await page.getByLabel('Description').fill('kept');
  await page.getByLabel('Tags').fill('ok, two words');
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel(/Custom expiration/).fill('2020-01-01T10:00');
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.locator('#tags-error')).toContainText('“two words”: tags may use letters, digits');
  await expect(page.locator('#expiresAt-error')).toHaveText('The expiration date must be in the future.');
  await expect(page.getByLabel('Access Name')).toHaveValue('<script>alert(1)</script>');
  await expect(page.getByLabel('Description')).toHaveValue('kept');
  await expect(page.getByLabel('Tags')).toHaveValue('ok, two words');
  await expect(page.getByRole('radio', { name: 'Custom' })).toBeChecked();
  await expect(page.getByLabel(/Custom expiration/)).toHaveValue('2020-01-01T10:00');
  await page.screenshot({ path: 'test-results/screens/errors.png', fullPage: true });

  // Fixed, the script-looking name is stored and shown as text.
  await page.getByLabel('Tags').fill('ok');
  await page.getByRole('radio', { name: '7 days' }).check();
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
  await apiAccessPage.open(page, `?q=${encodeURIComponent('<script>')}`);
  await expect(apiAccessPage.row(page, '<script>alert(1)</script>')).toContainText('<script>alert(1)</script>');
});

test('a duplicate name is refused, ignoring case', async ({ page }) => {
  const name = unique('dup');
  await apiAccessPage.create(page, { name });
  await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
  await apiAccessPage.create(page, { name: name.toUpperCase() });
  await expect(page.locator('#name-error')).toHaveText(`An API Access named “${name.toUpperCase()}” already exists.`);
});

test('the detail view opens as a panel over the table, and on its own from its URL', async ({ page, admin }) => {
  const name = unique('detail');
  await apiAccessPage.createOk(page, { name, tags: 'alpha' });
  await apiAccessPage.open(page, `?q=${name}`);
  await page.getByRole('link', { name, exact: true }).click();
  const panel = page.getByRole('dialog', { name });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Created By');
  await expect(panel).toContainText(admin.email.split('@')[0]!);
  await expect(panel).toContainText(/Expiration Date\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page).toHaveURL(/\/access-management\/api-access\/ak_[a-z2-7]{20}$/);
  await page.screenshot({ path: 'test-results/screens/panel.png' });
  // The table is still underneath; Escape closes the panel and goes back to it.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`\\?q=${name}$`));

  // From the panel to the edit page: the panel closes, the form is a page of its own.
  await page.getByRole('link', { name, exact: true }).click();
  await panel.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: `Edit ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // "Create API Access" opens the create form as a panel over the table too; Done returns to the table.
  await apiAccessPage.open(page);
  await page.getByRole('button', { name: 'Create API Access' }).click();
  const createPanel = page.getByRole('dialog', { name: 'Create API Access' });
  await createPanel.getByLabel('Access Name').fill(`${name}-from-panel`);
  await createPanel.getByRole('button', { name: 'Create API Access' }).click();
  await expect(createPanel.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
  // A stray Escape must not lose the token shown once: the panel asks, and staying keeps it.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.keyboard.press('Escape');
  await expect.poll(() => asked).toContain('will not be shown again');
  await expect(createPanel.getByLabel('Token', { exact: true })).toBeVisible();
  await createPanel.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(apiAccessPage.row(page, `${name}-from-panel`)).toHaveCount(1);
  await apiAccessPage.open(page, `?q=${name}`);

  const id = (await apiAccessPage.row(page, name).locator('code').textContent())!;
  await page.goto(`/access-management/api-access/${id}`);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  await expect(page.getByText('Last Used')).toBeVisible();

  // Delete from the key's own page: asked first, then back to the table without it.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: `Delete ${name}?` })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page.getByRole('status')).toHaveText('API Access deleted.');
  await expect(page).toHaveURL(/\/access-management\/api-access\?saved=deleted$/);
  await expect(apiAccessPage.row(page, name)).toHaveCount(0);

  await page.goto('/access-management/api-access/ak_doesnotexist2345677');
  await expect(page.getByRole('heading', { name: 'API Access not found' })).toBeVisible();
});

test('edit changes name, description and tags; regenerate replaces the token', async ({ page }) => {
  const name = unique('edit');
  const firstToken = await apiAccessPage.createOk(page, { name });
  await apiAccessPage.open(page, `?q=${name}`);
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await page.getByLabel('Access Name').fill(`${name}-renamed`);
  await page.getByLabel('Description').fill('<img src=x onerror=alert(1)> described');
  await page.getByLabel('Tags').fill('edited, env/prod');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('API Access saved.');
  const details = page.getByRole('article');
  await expect(details.getByRole('heading', { name: `${name}-renamed`, level: 2 })).toBeVisible();
  // The description is shown as text, not markup.
  await expect(details).toContainText('<img src=x onerror=alert(1)> described');
  await expect(details.locator('img')).toHaveCount(0);
  await expect(details.getByRole('listitem')).toHaveText(['edited', 'env/prod']);

  await apiAccessPage.open(page, `?q=${name}`);
  await apiAccessPage.row(page, `${name}-renamed`).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  await page.getByRole('radio', { name: '60 days' }).check();
  await page.getByRole('button', { name: 'Regenerate token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access regenerated' })).toBeVisible();
  const secondToken = await apiAccessPage.revealedToken(page);
  expect(secondToken).not.toBe(firstToken);
  expect(secondToken).toMatch(/^kg_/);
});

test('regenerate keeping the old token working for 24 hours: both verify, the detail view says until when', async ({ page, request }) => {
  const name = unique('grace');
  const oldToken = await apiAccessPage.createOk(page, { name });
  await apiAccessPage.open(page, `?q=${name}`);
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Regenerate' }).click();
  const grace = page.getByLabel('Keep the old token working for');
  await expect(grace).toHaveValue('0');
  await expect(grace.getByRole('option')).toHaveText(['None', '1 hour', '24 hours', '7 days']);
  await grace.selectOption({ label: '24 hours' });
  await page.getByRole('button', { name: 'Regenerate token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access regenerated' })).toBeVisible();
  const newToken = await apiAccessPage.revealedToken(page);

  const verify = async (token: string) => (await request.post('/api/v1/tokens/verify', { data: { token } })).json();
  const old = await verify(oldToken);
  expect(old).toMatchObject({ valid: true, code: 'VALID', graceEndsAt: expect.any(String) });
  const hoursLeft = (Date.parse(old.graceEndsAt) - Date.now()) / 3_600_000;
  expect(hoursLeft).toBeGreaterThan(23.9);
  expect(hoursLeft).toBeLessThanOrEqual(24);
  expect(await verify(newToken)).toMatchObject({ code: 'VALID' });

  await apiAccessPage.open(page, `?q=${name}`);
  await page.getByRole('link', { name, exact: true }).click();
  const panel = page.getByRole('dialog', { name });
  await expect(panel).toContainText(/Previous token\s*Keeps working until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
});

test('a token reported leaked: the key shows Leaked, Find by token opens it, Enable is refused until regenerated', async ({
  page,
  request,
}) => {
  const name = unique('leak');
  const token = await apiAccessPage.createOk(page, { name });
  const reported = await request.post('/api/v1/tokens/revoke', { data: { credentials: [token] } });
  expect(reported.status()).toBe(202);
  expect(await reported.json()).toEqual({ received: 1 });
  // The report is looked at after the answer has gone.
  await expect.poll(async () => (await (await request.post('/api/v1/tokens/verify', { data: { token } })).json()).code).toBe('DISABLED');

  await apiAccessPage.open(page, `?q=${name}`);
  await expect(apiAccessPage.row(page, name)).toContainText('Leaked');

  await page.getByRole('button', { name: 'Find by token' }).click();
  await page.getByLabel('Token', { exact: true }).fill('kg_not-a-token');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByText('That is not a Keygate token.').first()).toBeVisible();
  // The token typed is never echoed back into the page.
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page).toHaveURL(/\/access-management\/api-access\/ak_[a-z2-7]{20}$/);
  expect(page.url()).not.toContain(token);
  const details = page.getByRole('article');
  await expect(details).toContainText(/Reported leaked\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC.* by a report to the revoke API/);

  await page.getByRole('button', { name: 'Enable', exact: true }).click();
  await page
    .getByRole('dialog', { name: `Enable ${name}?` })
    .getByRole('button', { name: 'Enable' })
    .click();
  await expect(page.getByText(/regenerate it instead/).first()).toBeVisible();
  expect((await (await request.post('/api/v1/tokens/verify', { data: { token } })).json()).code).toBe('DISABLED');
});

test('disable and enable from the menu, each confirmed: the status says so and the token stops and works again', async ({
  page,
  request,
}) => {
  const name = unique('switch');
  const token = await apiAccessPage.createOk(page, { name });
  const verify = async () => (await (await request.post('/api/v1/tokens/verify', { data: { token } })).json()).code;
  expect(await verify()).toBe('VALID');

  await apiAccessPage.open(page, `?q=${name}`);
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  const disable = page.getByRole('dialog', { name: `Disable ${name}?` });
  await expect(disable).toContainText('stops working at once');
  await disable.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} disabled.` })).toBeVisible();
  await expect(apiAccessPage.row(page, name)).toContainText('Disabled');
  expect(await verify()).toBe('DISABLED');

  await apiAccessPage.open(page, `?status=Disabled&q=${name}`);
  await apiAccessPage.row(page, name).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Enable' }).click();
  await page
    .getByRole('dialog', { name: `Enable ${name}?` })
    .getByRole('button', { name: 'Enable' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: `${name} enabled.` })).toBeVisible();
  expect(await verify()).toBe('VALID');
});

test('delete from the menu and bulk delete with a confirmation naming how many', async ({ page }) => {
  const tag = unique('bulk');
  const names = [unique('del-a'), unique('del-b'), unique('del-c')];
  for (const name of names) await apiAccessPage.createOk(page, { name, tags: tag });
  await apiAccessPage.open(page, `?tag=${tag}`);
  await expect(page.getByRole('row')).toHaveCount(4);

  await apiAccessPage.row(page, names[0]!).getByRole('button', { name: 'Options' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${names[0]}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access deleted.' })).toBeVisible();
  await expect(apiAccessPage.row(page, names[0]!)).toHaveCount(0);

  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  const bulk = page.getByRole('dialog', { name: 'Delete 2 API Access?' });
  await expect(bulk).toBeVisible();
  await bulk.getByRole('button', { name: 'Cancel' }).click();
  await expect(apiAccessPage.row(page, names[1]!)).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete selected' }).click();
  await bulk.getByRole('button', { name: 'Delete 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 API Access deleted.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No API Access matches' })).toBeVisible();
});

test('filters, search, sorting and paging live in the URL; the back button restores them', async ({ page }) => {
  const tag = unique('filter');
  for (const name of ['zulu', 'alpha', 'mike']) await apiAccessPage.createOk(page, { name: `${tag}-${name}`, tags: tag });
  await apiAccessPage.open(page);
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByLabel('Tag').fill(tag);
  await page.getByLabel('Status').selectOption('Active');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`status=Active.*tag=${tag}|tag=${tag}.*status=Active`));
  await expect(page.getByRole('row')).toHaveCount(4);
  await page.getByRole('link', { name: 'Access Name' }).click();
  await expect(page).toHaveURL(/sort=name/);
  const names = page.getByRole('row').locator('td:nth-child(2)');
  await expect(names).toHaveText([`${tag}-alpha`, `${tag}-mike`, `${tag}-zulu`]);
  await page.getByRole('link', { name: 'Access Name' }).click();
  await expect(names).toHaveText([`${tag}-zulu`, `${tag}-mike`, `${tag}-alpha`]);
  await page.goBack();
  await expect(names).toHaveText([`${tag}-alpha`, `${tag}-mike`, `${tag}-zulu`]);
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('mike');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(names).toHaveText([`${tag}-mike`]);
  await page.getByLabel('Status').selectOption('Expired');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('heading', { name: 'No API Access matches' })).toBeVisible();

  // Past the last page, a new search starts again from the first page.
  const beyondTheEnd = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000000Z', 'ak_'])).toString('base64url');
  await apiAccessPage.open(page, `?tag=${tag}&after=${beyondTheEnd}`);
  await expect(page.getByRole('heading', { name: 'Nothing on this page' })).toBeVisible();
  await expect(page.getByText('Showing 0 of 3')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('zulu');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(names).toHaveText([`${tag}-zulu`]);
  await expect(page).not.toHaveURL(/after=/);
  await page.screenshot({ path: 'test-results/screens/no-match.png', fullPage: true });
});

test('a user whose role only allows createApiAccess matching ^ci- and no getRole', async ({ page: adminPage, browser }) => {
  let page = adminPage;
  const roleName = unique('CI Creator');
  const email = `${unique('ci')}@example.com`;
  await rolesPage.create(page, { name: roleName, permissions: ['createApiAccess'], pattern: '^ci-.*' });
  await expect(page.getByRole('status')).toHaveText('Role created.');
  await usersPage.create(page, { email, name: 'CI Person', password: 'ci person password', roles: [roleName] });
  await expect(page.getByRole('status')).toHaveText('User created.');

  // Signed in (in a browser of their own), they land on API Access: no table, but the Create button.
  const userContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  page = await userContext.newPage();
  await signIn(page, email, 'ci person password');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['API Access']);
  await expect(page.getByText('You can create API Access, but not list it.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create API Access' }).click();
  const form = page.getByRole('dialog', { name: 'Create API Access' });
  await expect(form.getByLabel('Access Name')).toBeVisible();
  await expect(form.getByRole('group', { name: 'Roles' })).toHaveCount(0);
  await expect(form.getByText('Must fully match ^ci-.*')).toBeVisible();
  await form.getByLabel('Access Name').fill('prod-deploy');
  await form.getByRole('button', { name: 'Create API Access' }).click();
  await expect(form.locator('#name-error')).toHaveText('The name must fully match “^ci-.*”.');
  await expect(form.getByLabel('Access Name')).toHaveValue('prod-deploy');
  await form.getByLabel('Access Name').fill(unique('ci-deploy'));
  await form.getByRole('button', { name: 'Create API Access' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
  expect(await form.getByLabel('Token', { exact: true }).inputValue()).toMatch(/^kg_/);
});

test('the overview above the table: each count opens the table showing just those keys', async ({ page }) => {
  const name = unique('overview');
  await apiAccessPage.createOk(page, { name, preset: '7 days' });
  await apiAccessPage.open(page);
  const overview = page.getByRole('region', { name: 'Overview' });
  for (const label of ['Active', 'Expiring soon (7 days)', 'Expired']) {
    await expect(overview.getByRole('link', { name: new RegExp(`^[\\d,]+ ${label.replace(/[()]/g, '\\$&')}$`) })).toBeVisible();
  }
  await overview.getByRole('link', { name: /Expiring soon/ }).click();
  await expect(page).toHaveURL(/status=ExpiringSoon/);
  await expect(overview.getByRole('link', { name: /Expiring soon/ })).toHaveAttribute('aria-current', 'true');
  // The key made with the 7-day preset is among them; every row shown says so.
  await expect(apiAccessPage.row(page, name)).toBeVisible();
  // The keys' rows (the usage chart has a table of its own once a key was used).
  const keyRows = page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: /^Select (?!all$)/ }) });
  for (const row of await keyRows.all()) await expect(row).toContainText('Expiring soon');
  await expect(overview).toContainText(/verifications and API calls in the last 30 days|No key was used in the last 30 days\./);
});
