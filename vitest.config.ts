import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/support/empty-module.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/http/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/database-per-file.ts'],
    // argon2 hashing and PostgreSQL make some tests take a moment; 2 cores.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Loaded through vitest's module runner, whose transforms every file's process shares: Node
    // 24's ESM loader took 1.2 s to load drizzle-orm in each one (its package.json reader, under a
    // 179 KB package.json; cf. nodejs/node#60397; Node 20: 0.1 s), against 0.2 s this way.
    server: { deps: { inline: ['drizzle-orm'] } },
  },
});
