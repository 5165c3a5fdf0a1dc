import type { Page } from '@playwright/test';
import { and, eq, sql } from 'drizzle-orm';
import { unique } from './app';
import { expect, seedUser, test } from './fixtures';
import { E2E_OIDC, E2E_ORIGIN, E2E_PORT } from './settings';

// Single sign-on through the run's real OpenID Connect provider (serve.ts starts it on 127.0.0.1):
// the browser goes through its login and consent pages and back to Keygate's callback.
test.use({ storageState: { cookies: [], origins: [] } });

const db = async () => {
  const [{ db }, { auditLogs, users }] = await Promise.all([import('@/db/client'), import('@/db/schema')]);
  return { db, auditLogs, users };
};

/** From Keygate's sign-in page through the provider's pages, as `login` (the provider's account is its email). */
async function signInWithProvider(page: Page, login: string) {
  // The provider's development pages link a web font: nothing leaves this machine.
  await page.context().route(/^https?:\/\/(?!(127\.0\.0\.1|localhost)[:/])/, (route) => route.abort());
  await page.goto('/login');
  await page.getByRole('button', { name: `Sign in with ${E2E_OIDC.name}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_OIDC.port}/`));
  await providerSignIn(page, login);
}

/** The provider's own sign-in form, when it asks (a new account, or `prompt=login`). */
async function providerSignIn(page: Page, login: string) {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password: the provider takes it');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a user signs in with the identity provider, whatever the email’s case, without Keygate’s code; disabling them ends that session', async ({
  page,
  browser,
  admin,
}) => {
  const user = await seedUser({ email: `sso-${Date.now()}@keygate.test` });
  await signInWithProvider(page, user.email.toUpperCase());
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.goto('/account');
  await expect(page.locator('main')).toContainText(user.email);
  const { db: database, auditLogs } = await db();
  const [entry] = await database
    .select({ changes: auditLogs.changes })
    .from(auditLogs)
    .where(and(eq(auditLogs.action, 'auth.sign_in'), eq(auditLogs.targetId, user.id)));
  expect(entry?.changes.after).toEqual({ method: 'oidc' });

  // The admin disables the user in Keygate: the SSO session's next request is refused.
  const adminContext = await browser.newContext({ storageState: admin.storageState });
  const adminPage = await adminContext.newPage();
  await adminPage.goto('/access-management/users');
  await adminPage.getByRole('link', { name: user.email.split('@')[0], exact: true }).click();
  await adminPage.getByRole('checkbox', { name: /Disabled/ }).check();
  await adminPage.getByRole('button', { name: 'Save user' }).click();
  await expect(adminPage.getByRole('status')).toHaveText('User saved.');
  await adminContext.close();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);
});

test('an unknown email and an unverified one are refused with a clear message and an audit entry; nobody is created', async ({ page }) => {
  const known = await seedUser({ email: `sso-unverified-${Date.now()}@keygate.test` });
  const stranger = `stranger-${Date.now()}@keygate.test`;
  await signInWithProvider(page, stranger);
  await expect(page).toHaveURL(/\/login\?sso=unknown/);
  await expect(page.locator('.banner[role=alert]')).toHaveText(
    `No Keygate user has the email address ${E2E_OIDC.name} gave for you. Ask an administrator to add you with that email, then try again.`,
  );

  await page.context().clearCookies();
  await signInWithProvider(page, `unverified:${known.email}`);
  await expect(page.locator('.banner[role=alert]')).toHaveText(
    `${E2E_OIDC.name} did not confirm that your email address is verified, so Keygate cannot tell who you are. Ask your identity provider's administrator.`,
  );
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login/);

  const { db: database, auditLogs, users } = await db();
  expect(await database.$count(users, eq(sql`lower(${users.email})`, stranger))).toBe(0);
  const refusals = await database
    .select({ targetName: auditLogs.targetName, changes: auditLogs.changes })
    .from(auditLogs)
    .where(and(eq(auditLogs.action, 'auth.sign_in_refused'), sql`${auditLogs.targetName} in (${stranger}, ${known.email})`))
    .orderBy(auditLogs.id);
  expect(refusals.map(({ targetName, changes }) => [targetName, changes.after])).toEqual([
    [stranger, { method: 'oidc', reason: 'unknown' }],
    [known.email, { method: 'oidc', reason: 'unverified' }],
  ]);
});

test('started on another address than APP_URL, single sign-on begins again from APP_URL’s sign-in page', async ({ page }) => {
  // APP_URL is http://localhost:<port>: the provider's redirect would land there, away from this address's cookies.
  await page.goto(`http://127.0.0.1:${E2E_PORT}/login`);
  await page.getByRole('button', { name: `Sign in with ${E2E_OIDC.name}`, exact: true }).click();
  await expect(page).toHaveURL(`${E2E_ORIGIN}/login`);
});

test('a single sign-on the provider made an hour ago is not a recent sign-in: signing in with the provider again confirms it', async ({
  page,
}) => {
  const user = await seedUser({ email: `sso-stale-${Date.now()}@keygate.test` });
  await signInWithProvider(page, `stale:${user.email}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const name = unique('sso-confirm');
  const createKey = async () => {
    await page.goto('/access-management/api-access/new');
    await page.getByLabel('Access Name').fill(name);
    await page.getByRole('radio', { name: '7 days' }).check();
    await page.getByRole('button', { name: 'Create API Access' }).click();
  };
  await createKey();
  await expect(page.locator('.banner[role=alert]')).toHaveText(
    `You signed in more than 15 minutes ago: confirm your password, or sign in with ${E2E_OIDC.name} again, to continue.`,
  );
  await page.getByRole('button', { name: `Sign in with ${E2E_OIDC.name} again` }).click();
  // prompt=login: the provider asks again, whatever session it holds; then back to the form's page.
  await providerSignIn(page, user.email);
  await expect(page).toHaveURL(/\/access-management\/api-access\/new$/);
  await createKey();
  await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();
});
