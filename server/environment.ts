import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/data-dir';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Fills in what SPEC §5 lets a fresh machine leave unset: the database
 * (embedded, under .data/) and AUTH_SECRET (generated once, kept under .data/).
 * Returns a function that stops whatever it started.
 */
export async function prepareEnvironment(): Promise<{ stop: () => Promise<void> }> {
  const directory = dataDir();
  mkdirSync(directory, { recursive: true });
  if (!process.env.AUTH_SECRET) {
    const file = path.join(directory, 'auth-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    process.env.AUTH_SECRET = readFileSync(file, 'utf8').trim();
  }
  if (process.env.DATABASE_URL) return { stop: async () => {} };
  const embedded = await startEmbeddedPostgres({
    dataDir: directory,
    port: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
    database: 'keygate',
  });
  process.env.DATABASE_URL = embedded.url;
  console.log(`Embedded PostgreSQL running, data in ${path.relative(process.cwd(), directory) || '.'}/postgres`);
  return embedded;
}
