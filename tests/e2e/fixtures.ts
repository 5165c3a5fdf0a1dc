import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { signIn } from './app';
import { E2E_DATA_DIR } from './settings';

// The run's database (serve.ts writes where it is): tests seed their own users there.
process.env.DATABASE_URL ??= readFileSync(path.join(E2E_DATA_DIR, 'database-url'), 'utf8');

export type SeededUser = { id: string; email: string; password: string };

/** A user of this run's database with these roles, seeded directly (not through the pages under test). */
export async function seedUser(options: { roleNames?: string[]; email?: string; password?: string } = {}): Promise<SeededUser> {
  const { seedUser: seed } = await import('../support/seed-user');
  return seed(options);
}

/**
 * Each worker has an ADMIN of its own, signed in once through the login page; its tests start
 * signed in from that stored session. So tests run in parallel and none shares a user with
 * another worker's.
 */
export const test = base.extend<{ admin: SeededUser & { storageState: string } }, { workerAdmin: SeededUser & { storageState: string } }>({
  workerAdmin: [
    async ({ browser }, use, workerInfo) => {
      const user = await seedUser({ email: `admin-${workerInfo.workerIndex}-${Date.now()}@keygate.test` });
      const storageState = path.join(E2E_DATA_DIR, `session-worker-${workerInfo.workerIndex}.json`);
      const page = await browser.newPage({ baseURL: workerInfo.project.use.baseURL });
      await signIn(page, user.email, user.password);
      await page.context().storageState({ path: storageState });
      await page.close();
      await use({ ...user, storageState });
    },
    { scope: 'worker' },
  ],
  admin: async ({ workerAdmin }, use) => use(workerAdmin),
  // Every flow runs under the pages' Content-Security-Policy: a violation the browser reports fails the test.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
  storageState: async ({ workerAdmin }, use) => use(workerAdmin.storageState),
});

export { expect };
