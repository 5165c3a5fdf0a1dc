import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { newestShippedMigrationAt } from '@/db/journal';
import { failure, type Failure } from '@/lib/errors';

/**
 * Ready to serve: the database answers, and every migration this code ships is applied (a
 * database a newer Keygate migrated further is fine: migrations only add). One small query,
 * through a function the owner of the migration journal defined (migration 0016). A database
 * that cannot be reached throws, and the route answers 503 for it.
 */
export async function checkReadiness(): Promise<Failure | null> {
  const [row] = await db.execute<{ at: string | null }>(sql`select keygate_newest_migration_at()::text as at`);
  if (Number(row?.at ?? 0) >= newestShippedMigrationAt()) return null;
  return failure('UNAVAILABLE', 'The database is not migrated to this version of Keygate yet: start one instance of it to migrate.');
}
