import postgres from 'postgres';

/**
 * Runs `work` connected as the owner of the tables (DATABASE_MIGRATION_URL, set per file by
 * database-per-file.ts): for what the app's own role may not do, such as dropping indexes
 * before a bulk load, or checking the audit log's trigger on its own.
 */
export async function asOwner<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(process.env.DATABASE_MIGRATION_URL!, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
