import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { settings } from '@/lib/settings';
import { poolApplicationName } from '@/lib/metrics/pool-names';

type Sql = ReturnType<typeof postgres>;

// One pool per process, shared across hot reloads and between the custom server and Next's bundle.
const globalForDb = globalThis as typeof globalThis & { __keygateSql?: Sql };

function createSql(): Sql {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE } = settings();
  if (!url) throw new Error('DATABASE_URL is not set: start Keygate with `npm run dev` or `npm start`.');
  // Named, so /metrics can count this pool's connections in pg_stat_activity.
  return postgres(url, { max: DATABASE_POOL_SIZE, onnotice: () => {}, connection: { application_name: poolApplicationName('main') } });
}

export function getSql(): Sql {
  return (globalForDb.__keygateSql ??= createSql());
}

function createDb() {
  return drizzle(getSql(), { schema });
}
type DrizzleDb = ReturnType<typeof createDb>;
const globalForDrizzle = globalThis as typeof globalThis & { __keygateDb?: DrizzleDb };

/** The database, created on first use: importing it never needs a connection (e.g. during `next build`). */
export const db: DrizzleDb = new Proxy({} as DrizzleDb, {
  get(_target, prop) {
    const real = (globalForDrizzle.__keygateDb ??= createDb());
    const value = Reflect.get(real, prop, real);
    return typeof value === 'function' ? value.bind(real) : value;
  },
});

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type Queryable = Db | Tx;

export async function closeDb() {
  const sql = globalForDb.__keygateSql;
  globalForDb.__keygateSql = undefined;
  globalForDrizzle.__keygateDb = undefined;
  await sql?.end({ timeout: 5 });
}
