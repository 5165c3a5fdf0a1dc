import { expectNoSeriousViolations } from './axe';
import { expect, test } from './fixtures';

// Runs first and alone (playwright.config.ts), on the run's fresh database: the table before any key exists.
test('the empty table says there is no API Access yet, and passes axe', async ({ page }) => {
  await page.goto('/access-management/api-access');
  await expect(page.getByRole('heading', { name: 'No API Access yet' })).toBeVisible();
  await expectNoSeriousViolations(page, 'empty table');
});
