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

it(`a production server ${nodeStripsTypes ? 'does not keep' : 'on this Node (no type stripping) still loads'} SWC's compiler, ~25 MB resident, and applies next.config.ts either way`, async () => {
  const response = await fetch(`${server.url}/api/health`);
  expect(response.status).toBe(200);
  // A header set only by next.config.ts: the config was read.
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  const loadedFiles = readFileSync(`/proc/${server.pid}/maps`, 'utf8');
  expect(loadedFiles.includes('next-swc')).toBe(!nodeStripsTypes);
});
