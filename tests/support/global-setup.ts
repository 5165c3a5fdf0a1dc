import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '@/db/migrate';
import { databaseUrl, onServer, testServerUrl } from './postgres-server';
import { ensureTestRuntimeRole, TEST_RUNTIME_ROLE_NAME } from './runtime-role';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * Migrates one template database per run; every test file then gets its own
 * copy (CREATE DATABASE … TEMPLATE), so files never share state. Migrated as the owner, then
 * granted to the role the tests' app runs as; the copies keep those grants.
 */
export default async function setup(project: TestProject) {
  const server = await testServerUrl();
  const template = `keygate_template_${randomBytes(4).toString('hex')}`;
  await onServer(server.url, `create database ${template}`);
  await ensureTestRuntimeRole(server.url);
  await migrateDatabase(databaseUrl(server.url, template), { runtimeRole: TEST_RUNTIME_ROLE_NAME });
  project.provide('testServerUrl', server.url);
  project.provide('templateDatabase', template);
  return async () => {
    await onServer(server.url, `drop database if exists ${template} with (force)`);
    await server.stop();
  };
}
