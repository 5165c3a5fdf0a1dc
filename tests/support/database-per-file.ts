import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { closeDb, db } from '@/db/client';
import { settleBackgroundWork } from '@/lib/background-work';
import { ensurePredefinedRoles } from '@/lib/users/bootstrap';
import { databaseUrl, onServer } from './postgres-server';
import { asRuntimeRole } from './runtime-role';

// Runs before each test file: a fresh database cloned from the migrated template. The app (and
// the test's own queries through it) run as the restricted runtime role, as in production;
// DATABASE_MIGRATION_URL is the owner, for what only a test arranging the database may do.
const serverUrl = inject('testServerUrl');
const database = `keygate_test_${randomBytes(6).toString('hex')}`;
await onServer(serverUrl, `create database ${database} template ${inject('templateDatabase')}`);
process.env.DATABASE_MIGRATION_URL = databaseUrl(serverUrl, database);
process.env.DATABASE_URL = asRuntimeRole(process.env.DATABASE_MIGRATION_URL);
await ensurePredefinedRoles(db);

afterAll(async () => {
  // An email sent at once after a test's last commit would otherwise reopen the pool on a dropped database.
  await settleBackgroundWork();
  await closeDb();
  await onServer(serverUrl, `drop database if exists ${database} with (force)`);
});
