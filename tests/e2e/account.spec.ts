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
