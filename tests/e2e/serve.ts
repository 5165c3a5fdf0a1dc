import { randomBytes } from 'node:crypto';
import { databaseUrl, onServer, testServerUrl } from '../support/postgres-server';
import { startKeygate, stopOnSignals } from '../../server/start';
import { E2E_ADMIN, E2E_PORT } from './settings';

// Starts the production build on a database of its own, created for this run.
const server = await testServerUrl();
const database = `keygate_e2e_${randomBytes(4).toString('hex')}`;
await onServer(server.url, `create database ${database}`);
process.env.DATABASE_URL = databaseUrl(server.url, database);
process.env.ADMIN_EMAIL = E2E_ADMIN.email;
process.env.ADMIN_PASSWORD = E2E_ADMIN.password;
process.env.PORT = String(E2E_PORT);
process.env.HOST = '127.0.0.1';
process.env.KEYGATE_DATA_DIR = '.data/e2e';

const keygate = await startKeygate({ dev: false });
stopOnSignals(async () => {
  await keygate.stop();
  await onServer(server.url, `drop database if exists ${database} with (force)`);
  await server.stop();
});
