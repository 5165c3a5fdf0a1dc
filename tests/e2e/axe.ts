import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];
/** A violation as a failed expectation prints it: its rule and where. */
export const violationText = (violation: Violation) =>
  `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`;

/**
 * axe's violations on the page as it is shown: every rule, or the ones named. In legacy mode axe
 * runs in the page itself; the default mode finishes each run in a new blank page, which made
 * each check cost 1.2–1.5 s instead of 0.5–0.9 s here (the suite runs about 120 of them).
 */
export async function axeViolations(page: Page, rules?: string[]) {
  const builder = new AxeBuilder({ page }).setLegacyMode(true);
  const { violations } = await (rules ? builder.withRules(rules) : builder).analyze();
  return violations;
}

/** The serious and critical ones, as text. */
export async function seriousViolations(page: Page) {
  return (await axeViolations(page))
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(violationText);
}

/** axe in the light and in the dark scheme (`prefers-color-scheme`), color contrast included; the page is left light. */
export async function expectNoSeriousViolations(page: Page, label: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // The scheme took effect: the page's background is the darker of its two colors only in the dark.
    const darkBackground = await page.evaluate(() => {
      const luminance = (color: string) => (color.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, value) => sum + Number(value), 0);
      const style = getComputedStyle(document.documentElement);
      return luminance(style.backgroundColor) < luminance(style.color);
    });
    expect(darkBackground, `${label}: ${colorScheme} scheme`).toBe(colorScheme === 'dark');
    expect(await seriousViolations(page), `${label} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
