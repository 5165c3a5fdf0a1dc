import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
}, 120_000);
afterAll(() => server?.stop());

// Node 22.18+ and 24 strip TypeScript themselves (process.features.typescript); older ones don't.
const nodeStripsTypes = Boolean((process.features as { typescript?: string }).typescript);

it(`a production server ${nodeStripsTypes ? 'does not keep' : 'on this Node (no type stripping) still loads'} SWC's compiler, ~25 MB resident, and reads next.config.ts either way`, async () => {
  // `poweredByHeader: false` is read from the config at start (headers() rules are built into
  // the routes manifest instead): no X-Powered-By means the server really read next.config.ts.
  const page = await fetch(`${server.url}/login`);
  expect(page.status).toBe(200);
  expect(page.headers.get('x-powered-by')).toBeNull();
  const loadedFiles = readFileSync(`/proc/${server.pid}/maps`, 'utf8');
  expect(loadedFiles.includes('next-swc')).toBe(!nodeStripsTypes);
});
