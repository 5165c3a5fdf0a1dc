import { Secret, TOTP } from 'otpauth';
import type { Page } from '@playwright/test';
import { signIn } from './app';
import { expect, seedUser, test } from './fixtures';

const signedOut = { storageState: { cookies: [], origins: [] } };

/** The code an authenticator app shows for this key, `offsetSteps` steps of 30 s from now (±1 is accepted). */
const codeFor = (key: string, offsetSteps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(key.replace(/\s/g, '')), timestamp: Date.now() + offsetSteps * 30_000 });

async function typePassword(page: Page, email: string, password: string, callbackUrl = '/') {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
}

async function typeCode(page: Page, code: string) {
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

test('two-factor: set up on the Account page, sign in with a code then a recovery code, turn it off', async ({ browser }) => {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const page = await (await browser.newContext(signedOut)).newPage();
  await signIn(page, user.email, user.password);

  // Setting up: a QR code drawn by Keygate and the key written out, confirmed with a code.
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  const key = (await page.getByTestId('totp-secret').textContent())!;
  const wrong = codeFor(key) === '123456' ? '654321' : '123456';
  await page.getByLabel('Authentication code').fill(wrong);
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(page.locator('#code-error')).toContainText('That code is not right');
  await page.getByLabel('Authentication code').fill(codeFor(key));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication is on' })).toBeVisible();
  const recoveryCodes = await page.getByRole('list', { name: 'Recovery codes' }).locator('code').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await page.getByRole('link', { name: 'I saved my recovery codes' }).click();
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('10 of 10 recovery codes left.');
  // This session typed a code: it goes on.
  await page.goto('/access-management/api-access');
  await expect(page.getByRole('heading', { name: 'API Access', level: 1 })).toBeVisible();

  await signOut(page);

  // The password alone reaches only the "Authentication code" step.
  await typePassword(page, user.email, user.password, '/access-management/api-access');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  // A server-rendered page fetched directly, with this browser's cookie, renders nothing of the user's.
  const direct = await page.request.get('/account', { maxRedirects: 0 });
  expect(direct.status()).toBe(307);
  expect(direct.headers().location).toContain('/login/two-factor');
  const followed = await page.request.get('/access-management/users');
  expect(await followed.text()).not.toContain(user.email);
  // Nor does the REST API take the session.
  expect((await page.request.get('/api/v1/api-access')).status()).toBe(401);

  await typeCode(page, '000000' === codeFor(key, 1) ? '111111' : '000000');
  await expect(page.locator('#code-error')).toContainText('That code is not right');
  // The code of the enrolment's step was used then: the next step's code (within the drift allowed) signs in.
  await typeCode(page, codeFor(key, 1));
  // …and arrives where it was going (the last page asked for).
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);

  // A recovery code instead, once; the Account page says how many are left.
  await signOut(page);
  await typePassword(page, user.email, user.password);
  await typeCode(page, recoveryCodes[0]!);
  await expect(page.getByRole('status').first()).toContainText(
    'You signed in with a recovery code, which cannot be used again. 9 recovery codes are left.',
  );
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('9 of 10 recovery codes left.');
  await signOut(page);
  await typePassword(page, user.email, user.password);
  await typeCode(page, recoveryCodes[0]!);
  await expect(page.locator('#code-error')).toContainText('That code is not right');
  await typeCode(page, recoveryCodes[1]!);
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('8 of 10 recovery codes left.');

  // Renewing the session (sign out everywhere else) keeps this one past its second factor.
  const everywhere = page.getByRole('form', { name: 'Sign out everywhere else' });
  await everywhere.getByLabel('Your password').fill(user.password);
  await everywhere.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Every other session has been signed out.');

  // Turning it off takes the password.
  const off = page.getByRole('form', { name: 'Turn off two-factor' });
  await off.getByLabel('Your password').fill('not my password');
  await off.getByRole('button', { name: 'Turn off two-factor' }).click();
  await expect(off.locator('#twoFactorOffPassword-error')).toHaveText('That is not your password.');
  await off.getByLabel('Your password').fill(user.password);
  await off.getByRole('button', { name: 'Turn off two-factor' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Two-factor authentication is off.');
  await expect(page.getByRole('button', { name: 'Set up authenticator app' })).toBeVisible();

  // The password alone signs in again.
  await signOut(page);
  await signIn(page, user.email, user.password);
});

test('the Users table shows who has two-factor, and an administrator resets it', async ({ browser, page, admin }) => {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const theirs = await (await browser.newContext(signedOut)).newPage();
  await signIn(theirs, user.email, user.password);
  await theirs.goto('/two-factor');
  await theirs.getByRole('button', { name: 'Set up authenticator app' }).click();
  const key = (await theirs.getByTestId('totp-secret').textContent())!;
  await theirs.getByLabel('Authentication code').fill(codeFor(key));
  await theirs.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(theirs.getByRole('list', { name: 'Recovery codes' })).toBeVisible();

  await page.goto('/access-management/users');
  const row = page.getByRole('row').filter({ hasText: user.email });
  await expect(row.getByRole('cell').last()).toHaveText('On');
  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Reset two-factor' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reset two-factor' }).click();
  // The worker's sign-in may be older than 15 minutes: then the password is asked first.
  const again = dialog.getByLabel('Your password');
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication reset' }).or(again)).toBeVisible();
  if (await again.isVisible()) {
    await again.fill(admin.password);
    await dialog.getByRole('button', { name: 'Reset two-factor' }).click();
  }
  await expect(page.getByRole('status').filter({ hasText: 'Two-factor authentication reset' })).toBeVisible();
  await expect(page.getByText('Two-factor authentication: Off')).toBeVisible();
  // They sign in with the password alone again.
  await signIn(await (await browser.newContext(signedOut)).newPage(), user.email, user.password);
});

/** A passkey authenticator built into the browser (Chrome DevTools Protocol), as a laptop's Touch ID is. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { remove: () => cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }) };
}

test('passkeys: added on the Account page, they pass the second step; a removed one no longer does', async ({ browser }) => {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const page = await (await browser.newContext(signedOut)).newPage();
  const laptop = await addVirtualAuthenticator(page);
  await signIn(page, user.email, user.password);
  await page.goto('/account');

  // The first passkey turns two-factor on and shows the recovery codes, once.
  const passkeys = page.getByRole('region', { name: 'Passkeys' });
  await passkeys.getByLabel('Passkey name').fill('Laptop');
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeys.getByRole('status')).toContainText('Passkey “Laptop” added. Two-factor authentication is on');
  await expect(passkeys.getByRole('list', { name: 'Recovery codes' }).locator('code')).toHaveCount(10);
  await passkeys.getByRole('button', { name: 'I saved my recovery codes' }).click();
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('10 of 10 recovery codes left.');

  // A second one, on another device (this browser now holds only its key).
  await laptop.remove();
  await addVirtualAuthenticator(page);
  await passkeys.getByLabel('Passkey name').fill('Phone');
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeys.getByRole('status')).toHaveText('Passkey “Phone” added.');
  const list = passkeys.getByRole('list', { name: 'Your passkeys' });
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // The password alone reaches only the second step, where the passkey passes it.
  await signOut(page);
  await typePassword(page, user.email, user.password, '/account');
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  const phone = list.getByRole('listitem').filter({ hasText: 'Phone' });
  await expect(phone).toContainText('last used');

  await phone.getByRole('button', { name: 'Rename Phone' }).click();
  await phone.getByLabel('New name').fill('Work phone');
  await phone.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Passkey renamed.');
  const workPhone = list.getByRole('listitem').filter({ hasText: 'Work phone' });
  await workPhone.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove passkey' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Passkey removed.');
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // Removed, it no longer signs in (two-factor stays on with the laptop's passkey).
  await signOut(page);
  await typePassword(page, user.email, user.password);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No passkey was used' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-factor/);
});
