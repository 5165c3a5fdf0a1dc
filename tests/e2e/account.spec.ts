import { signIn } from './app';
import { expect, seedUser, test } from './fixtures';

const signedOut = { storageState: { cookies: [], origins: [] } };

test('"Sign out everywhere else" and a password change end the other browser’s session at once, not this one', async ({ browser }) => {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const here = await (await browser.newContext(signedOut)).newPage();
  const elsewhere = await (await browser.newContext(signedOut)).newPage();
  await signIn(here, user.email, user.password);
  await signIn(elsewhere, user.email, user.password);

  await here.getByRole('link', { name: 'Account' }).click();
  await expect(here.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  const everywhere = here.getByRole('form', { name: 'Sign out everywhere else' });
  await everywhere.getByLabel('Your password').fill('not my password');
  await everywhere.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(everywhere.locator('#password-error')).toHaveText('That is not your password.');
  await everywhere.getByLabel('Your password').fill(user.password);
  await everywhere.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(here.getByRole('status')).toHaveText('Every other session has been signed out.');

  await elsewhere.goto('/access-management/api-access');
  await expect(elsewhere).toHaveURL(/\/login/);
  await here.goto('/access-management/api-access');
  await expect(here.getByRole('heading', { name: 'API Access', level: 1 })).toBeVisible();

  // The other browser signs in again; a password change here ends that session too.
  await signIn(elsewhere, user.email, user.password);
  await here.goto('/account');
  const change = here.getByRole('form', { name: 'Change your password' });
  await change.getByLabel('Current password').fill(user.password);
  await change.getByLabel('New password', { exact: true }).fill('a brand new password');
  await change.getByLabel('New password again').fill('a brand new password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(here.getByRole('status')).toHaveText('Password changed. Every other session has been signed out.');
  await elsewhere.goto('/access-management/api-access');
  await expect(elsewhere).toHaveURL(/\/login/);
  await here.goto('/access-management/api-access');
  await expect(here.getByRole('heading', { name: 'API Access', level: 1 })).toBeVisible();
  await signIn(elsewhere, user.email, 'a brand new password');
});

test('"Sign out" ends the session and is in the audit log with the IP and browser it came from', async ({ browser, page }) => {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const context = await browser.newContext(signedOut);
  const theirs = await context.newPage();
  await signIn(theirs, user.email, user.password);
  const userAgent = await theirs.evaluate(() => navigator.userAgent);
  await theirs.getByRole('button', { name: 'Sign out' }).click();
  await expect(theirs).toHaveURL(/\/login/);
  await context.close();

  await page.goto(`/access-management/audit-log?action=auth.sign_out&actor=${encodeURIComponent(user.id)}`);
  const entry = page.locator('tbody tr');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(user.email);
  await expect(entry).toContainText('127.0.0.1');
  await expect(entry).toContainText(userAgent);
});
