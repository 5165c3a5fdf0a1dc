import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { closeDb, db } from '@/db/client';
import { ensurePredefinedRoles } from '@/lib/users/bootstrap';
import { databaseUrl, onServer } from './postgres-server';

// Runs before each test file: a fresh database cloned from the migrated template.
const serverUrl = inject('testServerUrl');
const database = `keygate_test_${randomBytes(6).toString('hex')}`;
await onServer(serverUrl, `create database ${database} template ${inject('templateDatabase')}`);
process.env.DATABASE_URL = databaseUrl(serverUrl, database);
await ensurePredefinedRoles(db);

afterAll(async () => {
  await closeDb();
  await onServer(serverUrl, `drop database if exists ${database} with (force)`);
});
