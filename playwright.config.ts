import { defineConfig } from '@playwright/test';
import { E2E_ORIGIN } from './tests/e2e/settings';

export default defineConfig({
  testDir: 'tests/e2e',
  // Each worker signs in as an ADMIN of its own (tests/e2e/fixtures.ts) and every test makes its
  // own data, so tests run side by side: two workers for one server on 2 cores.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_ORIGIN,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    // First, alone, on the run's fresh database: the table's empty state before any key exists (one short test).
    { name: 'fresh-database', use: { browserName: 'chromium' }, testMatch: /empty-state\.spec\.ts/ },
    {
      name: 'chromium',
      use: { browserName: 'chromium' },
      testIgnore: [/empty-state\.spec\.ts/, /audit-scan\.spec\.ts/],
      dependencies: ['fresh-database'],
    },
    // Last: scans the audit log the whole run wrote.
    { name: 'audit-scan', use: { browserName: 'chromium' }, testMatch: /audit-scan\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/serve.ts',
    url: `${E2E_ORIGIN}/login`,
    env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
