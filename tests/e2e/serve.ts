import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { databaseUrl, onServer, testServerUrl } from '../support/postgres-server';
import { asRuntimeRole, ensureTestRuntimeRole } from '../support/runtime-role';
import { OIDC_TEST_CLIENT, startOidcProvider } from '../support/oidc-provider';
import { startKeygate } from '../../server/start';
import { stopOnSignals } from '../../server/stop-on-signals';
import { E2E_ADMIN, E2E_CRON_SECRET, E2E_DATA_DIR, E2E_OIDC, E2E_ORIGIN, E2E_PORT } from './settings';

// Starts the production build on a database of its own, created for this run: migrated by the
// owner, served as the restricted runtime role, as in production.
const server = await testServerUrl();
const database = `keygate_e2e_${randomBytes(4).toString('hex')}`;
await onServer(server.url, `create database ${database}`);
await ensureTestRuntimeRole(server.url);
process.env.DATABASE_MIGRATION_URL = databaseUrl(server.url, database);
process.env.DATABASE_URL = asRuntimeRole(process.env.DATABASE_MIGRATION_URL);
process.env.ADMIN_EMAIL = E2E_ADMIN.email;
process.env.ADMIN_PASSWORD = E2E_ADMIN.password;
process.env.PORT = String(E2E_PORT);
process.env.HOST = '127.0.0.1';
process.env.KEYGATE_DATA_DIR = E2E_DATA_DIR;
process.env.APP_URL = E2E_ORIGIN;
process.env.CRON_SECRET = E2E_CRON_SECRET;
// The tests trigger the expiry job through its cron route; no RESEND_API_KEY, so emails land in the outbox folder.
process.env.KEYGATE_SCHEDULER = 'off';
// The webhook tests' receiver is a local server: loopback and http allowed for this run.
process.env.KEYGATE_WEBHOOK_ALLOW_PRIVATE = '1';
delete process.env.RESEND_API_KEY;
// Single sign-on against a real OpenID Connect provider on 127.0.0.1 (sso.spec.ts).
const identityProvider = await startOidcProvider({
  port: E2E_OIDC.port,
  redirectUri: `${process.env.APP_URL}/api/auth/callback/oidc`,
});
process.env.OIDC_ISSUER = identityProvider.issuer;
process.env.OIDC_CLIENT_ID = OIDC_TEST_CLIENT.id;
process.env.OIDC_CLIENT_SECRET = OIDC_TEST_CLIENT.secret;
process.env.OIDC_NAME = E2E_OIDC.name;
rmSync(`${E2E_DATA_DIR}/outbox`, { recursive: true, force: true });
// Tests that must arrange what the UI cannot (a key created weeks ago) reach this run's database here.
mkdirSync(E2E_DATA_DIR, { recursive: true });
writeFileSync(`${E2E_DATA_DIR}/database-url`, process.env.DATABASE_URL);

const keygate = await startKeygate({ dev: false });
stopOnSignals(async () => {
  await keygate.stop();
  await identityProvider.stop();
  await onServer(server.url, `drop database if exists ${database} with (force)`);
  await server.stop();
});
