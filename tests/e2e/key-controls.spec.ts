import { unique } from './app';
import { expect, test } from './fixtures';

// SPEC §2 and §7: "Allowed IPs" and "Rate limit" on the create and edit forms and on the detail view.

test('a key with Allowed IPs and a Rate limit: a bad CIDR is named beside its field, nothing typed is lost, both show on the detail view', async ({
  page,
}) => {
  const name = unique('controlled');
  await page.goto('/access-management/api-access/new');
  await page.getByLabel('Access Name').fill(name);
  await page.getByLabel('Description').fill('kept through the refusal');
  const typedIps = '10.0.0.0/24\n\n10.0.0.5/24\n2001:DB8::/32';
  await page.getByLabel('Allowed IPs').fill(typedIps);
  await page.getByLabel('Rate limit', { exact: true }).fill('100');
  await page.getByLabel('Rate limit window').selectOption({ label: 'minute' });
  await page.getByRole('radio', { name: '30 days' }).check();
  await page.getByRole('button', { name: 'Create API Access' }).click();

  await expect(page.locator('#allowedIps-error')).toHaveText('10.0.0.5/24 has host bits set: did you mean 10.0.0.0/24?');
  await expect(page.getByLabel('Allowed IPs')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Allowed IPs')).toHaveValue(typedIps);
  await expect(page.getByLabel('Access Name')).toHaveValue(name);
  await expect(page.getByLabel('Description')).toHaveValue('kept through the refusal');
  await expect(page.getByLabel('Rate limit', { exact: true })).toHaveValue('100');
  await expect(page.getByLabel('Rate limit window')).toHaveValue('60');

  // A limit that is no whole number is named beside its own field, with the list still as typed.
  await page.getByLabel('Rate limit', { exact: true }).fill('lots');
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.locator('#rateLimit-error')).toContainText('The limit is a whole number.');
  await expect(page.getByLabel('Rate limit', { exact: true })).toHaveValue('lots');

  await page.getByLabel('Allowed IPs').fill('10.0.0.0/24\n2001:DB8::/32\n');
  await page.getByLabel('Rate limit', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Create API Access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'API Access created' })).toBeVisible();

  await page.getByRole('link', { name: 'View API Access' }).click();
  const details = page.locator('dl.details');
  await expect(details.locator('dt:text-is("Allowed IPs") + dd').getByRole('listitem')).toHaveText(['10.0.0.0/24', '2001:db8::/32']);
  await expect(details.locator('dt:text-is("Rate limit") + dd')).toHaveText('100 requests per minute');

  // The edit form starts from what is stored; clearing both stores none.
  await page.goto(`/access-management/api-access/${new URL(page.url()).pathname.split('/').at(-1)}/edit`);
  await expect(page.getByLabel('Allowed IPs')).toHaveValue('10.0.0.0/24\n2001:db8::/32');
  await expect(page.getByLabel('Rate limit', { exact: true })).toHaveValue('100');
  await page.getByLabel('Allowed IPs').fill('');
  await page.getByLabel('Rate limit', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.locator('dt:text-is("Allowed IPs") + dd')).toHaveText('Any address');
  await expect(details.locator('dt:text-is("Rate limit") + dd')).toHaveText('None');
});
