import type { Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { startReceiver } from '../support/webhook-receiver';

/** No serious or critical axe violation on the page as it is shown. */
async function expectAccessible(page: Page, label: string) {
  expect(await seriousViolations(page), label).toEqual([]);
}

test('an admin adds a webhook endpoint, sees its secret once, sends a test event and sees it delivered', async ({ page }) => {
  const receiver = await startReceiver();
  try {
    await page.goto('/access-management/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Create endpoint' }).click();

    // A URL that is not https and not public is refused on this server only when private addresses are off: here it is allowed.
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await expect(page.locator('#url-error')).toContainText('Enter the URL');
    await expectAccessible(page, 'create form with errors');
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel('Description').fill('e2e receiver');
    await page.getByRole('checkbox', { name: /api_access\.created/ }).check();
    await page.getByRole('button', { name: 'Create endpoint' }).click();

    // The secret: masked, Show reveals it, shown this once.
    await expect(page.getByRole('status').first()).toHaveText('Endpoint created.');
    const secretField = page.getByLabel('Signing secret');
    await expect(secretField).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(secretField).toHaveAttribute('type', 'text');
    const secret = await secretField.inputValue();
    await expectAccessible(page, 'secret shown');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await page.getByRole('link', { name: 'Done' }).click();

    await expect(page.getByRole('heading', { name: receiver.url, level: 1 })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect(page.getByText('Test event queued')).toBeVisible();
    // Other tests running beside this one create keys: only the test events are this test's.
    const testEvents = () => receiver.received.filter((entry) => (JSON.parse(entry.body) as { type: string }).type === 'webhook.test');
    await expect.poll(() => testEvents().length).toBe(1);
    const [request] = testEvents();
    expect(new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });

    // The delivery and its attempt, on the endpoint's page.
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('listitem').filter({ hasText: 'webhook.test' }).textContent();
      })
      .toContain('Delivered');
    const delivery = page.getByRole('listitem').filter({ hasText: 'webhook.test' });
    await delivery.locator('summary').click();
    await expect(delivery.getByRole('table', { name: 'Attempts' }).getByRole('row').nth(1)).toContainText('204');
    await expect(delivery).toContainText(String(request!.headers['webhook-id']));
    await expectAccessible(page, 'endpoint page with a delivery open');

    // Resend: the same webhook-id again.
    await delivery.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => testEvents().length).toBe(2);
    expect(testEvents()[1]!.headers['webhook-id']).toBe(request!.headers['webhook-id']);
  } finally {
    await receiver.close();
  }
});
