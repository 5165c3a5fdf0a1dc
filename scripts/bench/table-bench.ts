// The API Access table at 100,000 keys against the same pages at 100 keys (two servers, same
// build, same realistic data from seed:demo), and bulk deletion of 1,000 keys against one.
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { percentile } from './percentile';

const SECONDS = Number(process.env.BENCH_TABLE_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_TABLE_ROUNDS ?? 4);
const CLIENTS = 4;

// A ratio compares like with like only when both servers show a full page: rendering the rows is
// most of a page's cost, so a page of 3 rows at 100 keys against 25 at 100,000 measures the rows,
// not the size. The two narrow pages are kept, and the rows each shows are printed.
const PAGES = [
  { label: 'first page (newest first)', query: '' },
  { label: 'filtered (Active)', query: '?status=Active' },
  { label: 'searched ("prod")', query: '?q=prod' },
  { label: 'sorted by name', query: '?sort=name&dir=asc' },
  { label: 'last page', query: '?last=1' },
  { label: 'filtered narrowly (Active, tag prod)', query: '?status=Active&tag=prod' },
  { label: 'searched narrowly ("sync-prod")', query: '?q=sync-prod' },
];

export type TableServer = { base: string; cookie: string; keys: number };

/** How many rows the page showed ("Showing 25 of 1,000+"). */
const shownRows = (body: string) => Number(/Showing (?:<!-- -->)?([\d,]+)/.exec(body)?.[1]?.replace(/,/g, '') ?? NaN);

/** CLIENTS signed-in readers, each requesting the page again as soon as it has the last one. */
async function read(server: TableServer, path: string, seconds: number, rows?: Map<TableServer, number>): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const response = await fetch(`${server.base}${path}`, { headers: { cookie: server.cookie }, redirect: 'manual' });
        const body = await response.text();
        latencies.push(performance.now() - started);
        // Only the table's page counts: a redirect, an error page or a refusal has no "Showing N".
        const shown = shownRows(body);
        if (response.status !== 200 || !Number.isInteger(shown)) throw new Error(`${path} answered ${response.status} without "Showing N"`);
        rows?.set(server, shown);
      }
    }),
  );
  return latencies;
}

export async function benchTablePages(big: TableServer, small: TableServer): Promise<void> {
  console.log(
    `\nThe API Access table page, ${CLIENTS} signed-in clients at once, ${ROUNDS} rounds of ${SECONDS} s per server and page (alternating):\n`,
  );
  console.log(
    `| page | rows shown | ${small.keys.toLocaleString('en')} keys p50 / p95 ms | ${big.keys.toLocaleString('en')} keys p50 / p95 ms | p95 ratio (target ≤ 1.5×) |`,
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const page of PAGES) {
    const path = `/access-management/api-access${page.query}`;
    const rows = new Map<TableServer, number>();
    for (const server of [big, small]) await read(server, path, 1, rows); // warm
    const samples = new Map<TableServer, number[]>([
      [big, []],
      [small, []],
    ]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of round % 2 ? [small, big] : [big, small]) samples.get(server)!.push(...(await read(server, path, SECONDS)));
    }
    const [bigLatencies, smallLatencies] = [samples.get(big)!, samples.get(small)!];
    const cell = (values: number[]) => `${percentile(values, 50).toFixed(0)} / ${percentile(values, 95).toFixed(0)}`;
    console.log(
      `| ${page.label} | ${rows.get(small)} / ${rows.get(big)} | ${cell(smallLatencies)} | ${cell(bigLatencies)} | ${(percentile(bigLatencies, 95) / percentile(smallLatencies, 95)).toFixed(2)}× |`,
    );
  }
}

/**
 * Deleting one key and 1,000 keys through the operation (one transaction each), alternately. In a
 * child process under the `react-server` condition, as Next runs the operations (their modules
 * are `server-only`); the rest of the bench must not run under it (react-email renders with
 * react-dom/server).
 */
export async function benchBulkDelete(url: string, adminEmail: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/bench/table-bench.ts'], {
      env: { ...process.env, BENCH_BULK_DELETE_DATABASE_URL: url, BENCH_BULK_DELETE_ADMIN: adminEmail },
      stdio: 'inherit',
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the bulk delete bench exited with ${code}`))));
  });
}

async function measureBulkDelete(url: string, adminEmail: string): Promise<void> {
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL is set: the operations use the app's own pool.
  const { bulkDeleteApiAccess, deleteApiAccess } = await import('@/lib/api-access/delete-api-access');
  const { loadUserActor } = await import('@/lib/auth/load-user-actor');
  const { closeDb } = await import('@/db/client');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ id }] = (await sql`select id from users where email = ${adminEmail}`) as unknown as [{ id: string }];
    const actor = (await loadUserActor(id, '127.0.0.1'))!;
    const ids = async (n: number, offset: number) =>
      (await sql<{ id: string }[]>`select id from api_access order by created_at, id offset ${offset} limit ${n}`).map((row) => row.id);
    const one: number[] = [];
    const thousand: number[] = [];
    for (let round = 0; round < 5; round++) {
      const [single] = await ids(1, 1000);
      let started = performance.now();
      const deleted = await deleteApiAccess(actor, { id: single! });
      one.push(performance.now() - started);
      const batch = await ids(1000, 0);
      started = performance.now();
      const bulk = await bulkDeleteApiAccess(actor, { ids: batch });
      thousand.push(performance.now() - started);
      if (!deleted.ok) throw new Error(`deleting one key was refused: ${deleted.message}`);
      if (!bulk.ok) throw new Error(`deleting 1,000 keys was refused: ${bulk.message}`);
    }
    const median = (values: number[]) => percentile(values, 50);
    console.log(
      `\nDeleting through the operation (one transaction with its audit entries and invalidations), 5 rounds: one key ${median(one).toFixed(1)} ms (max ${Math.max(...one).toFixed(1)}); 1,000 keys ${median(thousand).toFixed(0)} ms (max ${Math.max(...thousand).toFixed(0)}; target < 1,000 ms), ${(median(thousand) / median(one)).toFixed(0)}× one key`,
    );
  } finally {
    await sql.end();
    await closeDb();
  }
}

// Run directly by benchBulkDelete.
if (process.argv[1]?.endsWith('table-bench.ts')) {
  measureBulkDelete(process.env.BENCH_BULK_DELETE_DATABASE_URL!, process.env.BENCH_BULK_DELETE_ADMIN!).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
