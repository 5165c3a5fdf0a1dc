import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { asOwner } from '../support/as-owner';

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

it('serves as the role of DATABASE_URL, not as the owner that migrated (DATABASE_MIGRATION_URL), and says nothing about it', async () => {
  expect((await fetch(`${server.url}/login`)).status).toBe(200);
  const roles = await asOwner(
    (sql) => sql<{ role: string; superuser: boolean }[]>`
      select distinct a.usename as role, r.rolsuper as superuser from pg_stat_activity a join pg_roles r on r.oid = a.usesysid
      where a.datname = current_database() and a.pid <> pg_backend_pid() and a.backend_type = 'client backend'`,
  );
  // The server's pools (and this test file's own) only.
  expect([...roles]).toEqual([{ role: new URL(process.env.DATABASE_URL!).username, superuser: false }]);
  expect(server.output()).not.toMatch(/DATABASE_MIGRATION_URL|DATABASE_URL/);
});

it('does not start with a bad setting, and says which and what it accepts', async () => {
  const refused = startAppServer({ TRUST_PROXY: 'maybe', KEYGATE_SCHEDULER_INTERVAL_MS: 'hourly' });
  await expect(refused).rejects.toThrow(/exited with 1/);
  await refused.catch((error: Error) => {
    // One JSON line, as every log line: its message names each bad setting.
    const line = error.message.split('\n').find((text) => text.startsWith('{') && text.includes('"fatal"'));
    expect(JSON.parse(line!)).toMatchObject({ level: 'fatal', message: expect.stringContaining('TRUST_PROXY="maybe"') });
    error = new Error(JSON.parse(line!).message);
    expect(error.message).toContain('TRUST_PROXY="maybe": expected one of “0”, “1”.');
    expect(error.message).toContain('KEYGATE_SCHEDULER_INTERVAL_MS="hourly": expected a whole number of milliseconds');
    // The operator's mistake, not a crash: no stack trace.
    expect(error.message).not.toMatch(/\n\s+at /);
  });
}, 120_000);
