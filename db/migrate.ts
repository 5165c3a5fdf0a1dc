import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { MIGRATIONS_FOLDER } from './journal';
import { grantRuntimePrivileges } from './runtime-privileges';

/**
 * Applies the committed drizzle-kit migrations on a single connection, as the owner of the
 * tables; then, when the app runs as another role (`runtimeRole`), grants it what it needs.
 */
export async function migrateDatabase(url: string, options: { runtimeRole?: string } = {}): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Instances starting together take turns (drizzle's migrator takes no lock of its own): the
    // first applies what is new, the others then find nothing to do. One connection, one session.
    await sql`select pg_advisory_lock(hashtext('keygate migrations'))`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    if (options.runtimeRole) await grantRuntimePrivileges(sql, options.runtimeRole);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
