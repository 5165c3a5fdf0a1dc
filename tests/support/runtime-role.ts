import { ensureLoginRole } from '@/db/login-role';

/**
 * The role the tests' app runs as, as in production: owning nothing, granted by the migrating
 * owner (db/runtime-privileges.ts), so a privilege the app lacks fails a test. Roles are
 * cluster-wide, so it is shared by every run on the server; its password is no secret (a test
 * server's role, with rights on test databases only).
 */
const TEST_RUNTIME_ROLE = { name: 'keygate_test_app', password: 'keygate_test_app' };
export const TEST_RUNTIME_ROLE_NAME = TEST_RUNTIME_ROLE.name;

export const ensureTestRuntimeRole = (serverUrl: string) => ensureLoginRole(serverUrl, TEST_RUNTIME_ROLE);

/** The same database, connected as the runtime role. */
export function asRuntimeRole(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = TEST_RUNTIME_ROLE.name;
  url.password = TEST_RUNTIME_ROLE.password;
  return url.toString();
}
