// `npm run seed:demo -- --keys 100000 [--users 200] [--force]`: fills the database Keygate would
// use (DATABASE_URL, or the embedded one under .data/) with a realistic organization.
import { parseArgs } from 'node:util';
import { closeDb, db } from '@/db/client';
import { DatabaseNotEmpty, seedDemo } from '@/db/seed/demo';
import { ensurePredefinedRoles } from '@/lib/users/bootstrap';
import { prepareEnvironment } from '../server/environment';
import { prepareDatabase } from '../server/prepare-database';

const { values } = parseArgs({
  options: { keys: { type: 'string', default: '100000' }, users: { type: 'string' }, force: { type: 'boolean', default: false } },
});
const keys = Number(values.keys);
const users = values.users === undefined ? undefined : Number(values.users);
if (!Number.isSafeInteger(keys) || keys < 1 || keys > 10_000_000 || (users !== undefined && !(Number.isSafeInteger(users) && users >= 1))) {
  console.error('Usage: npm run seed:demo -- --keys <1..10000000> [--users <n>] [--force]');
  process.exit(2);
}

/** One line redrawn in place on a terminal; a line per tenth elsewhere (CI logs). */
function progressBar(label: string) {
  const width = 30;
  let lastTenth = -1;
  return (done: number, total: number) => {
    const share = done / total;
    const text = `${label} [${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      process.stderr.write(`${text}\n`);
    }
  };
}

// Demo people with known passwords and team-wide rights do not belong in a production database.
if (process.env.NODE_ENV === 'production') {
  console.error('seed:demo refuses to run with NODE_ENV=production.');
  process.exit(2);
}

const environment = await prepareEnvironment();
let exitCode = 0;
try {
  await prepareDatabase();
  await ensurePredefinedRoles(db);
  // As the owner when there is one: the seed loads through temporary tables and ends with VACUUM ANALYZE.
  const result = await seedDemo(process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL!, { keys, users, force: values.force, onProgress: progressBar('API Access') });
  console.log(
    `Seeded ${result.keys.toLocaleString('en')} API Access entries, ${result.users} users and ${result.roles} roles in ${result.seconds.toFixed(1)} s.` +
      `\nEvery demo user's password (shown once): ${result.password}`,
  );
} catch (error) {
  if (!(error instanceof DatabaseNotEmpty)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await closeDb();
  await environment.stop();
}
process.exit(exitCode);
