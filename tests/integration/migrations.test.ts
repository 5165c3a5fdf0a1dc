import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import postgres from 'postgres';
import { expect, inject, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '@/db/journal';
import { migrateDatabase } from '@/db/migrate';
import { databaseUrl, onServer } from '../support/postgres-server';

it('two instances starting at once on an empty database migrate it once, neither failing', async () => {
  const serverUrl = inject('testServerUrl');
  const name = `keygate_migrate_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = databaseUrl(serverUrl, name);
  try {
    await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const applied = await sql`select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`;
      expect(applied[0]!.n).toBe(readdirSync(MIGRATIONS_FOLDER).filter((file) => file.endsWith('.sql')).length);
      expect(applied[0]!.n).toBe(applied[0]!.distinct);
    } finally {
      await sql.end();
    }
  } finally {
    await onServer(serverUrl, `drop database if exists ${name} with (force)`);
  }
});
