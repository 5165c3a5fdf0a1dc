import { createServer } from 'node:http';
import next from 'next';
import { closeDb, db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureFirstAdmin, ensurePredefinedRoles } from '@/lib/users/bootstrap';
import { prepareEnvironment } from './environment';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? 'localhost';
// Behind a trusted reverse proxy, keep its X-Forwarded-For; otherwise the socket address is the truth.
const trustProxy = process.env.TRUST_PROXY === '1';

async function main() {
  const environment = await prepareEnvironment();
  await migrateDatabase(process.env.DATABASE_URL!);
  await ensurePredefinedRoles(db);
  const admin = await ensureFirstAdmin(db, { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });
  if (admin?.generated) {
    console.log(`\nCreated the first administrator: ${admin.email}\nPassword (shown once, change it): ${admin.password}\n`);
  } else if (admin) {
    console.log(`Created the first administrator: ${admin.email}`);
  }

  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    if (!trustProxy) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    void handle(req, res);
  });
  server.listen(port, hostname, () => console.log(`Keygate ready on http://${hostname}:${port}`));

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await app.close().catch(() => {});
    await closeDb();
    await environment.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
