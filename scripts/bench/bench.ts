// `npm run bench`: token verification throughput on this machine, every figure
// measured in the same run against baselines, on 127.0.0.1 only, bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { migrateDatabase } from '@/db/migrate';
import { generateAccessId } from '@/lib/api-access/access-id';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';
import { databaseUrl, onServer, testServerUrl } from '../../tests/support/postgres-server';

const KEYS = Number(process.env.BENCH_KEYS ?? 100_000);
const SAMPLE = 10_000;
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_S = 3;

type Result = { label: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function seed(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const sample: string[] = [];
  const [user] = await sql<
    { id: string }[]
  >`insert into users (email, name, password_hash) values ('bench@example.com', 'Bench', 'x') returning id`;
  const userId = user!.id;
  const expiresAt = new Date(Date.now() + 300 * 86_400_000);
  for (let start = 0; start < KEYS; start += 5_000) {
    const rows = Array.from({ length: Math.min(5_000, KEYS - start) }, (_, i) => {
      const token = generateToken();
      if (sample.length < SAMPLE) sample.push(token);
      return {
        id: generateAccessId(),
        name: `bench-${start + i}`,
        token_digest: tokenDigest(token),
        token_start: tokenStart(token),
        expires_at: expiresAt,
        created_by_kind: 'user',
        created_by_id: userId,
        created_by_name: 'Bench',
        author_user_id: userId,
      };
    });
    await sql`insert into api_access ${sql(rows)}`;
  }
  await sql`analyze api_access`;
  await sql.end();
  return sample;
}

function start(command: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...command], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes(ready)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited with ${code}: ${output}`)));
  });
}

async function load(label: string, url: string, method: 'GET' | 'POST', tokens: string[] | null): Promise<Result> {
  let next = 0;
  const options: autocannon.Options = {
    url,
    connections: CONNECTIONS,
    method,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method,
        setupRequest: (request) => (tokens ? { ...request, body: JSON.stringify({ token: tokens[next++ % tokens.length] }) } : request),
      },
    ],
  };
  // Warm-up: every sample token once (a warm cache for every server, whatever its speed), or a few seconds.
  await autocannon(tokens ? { ...options, amount: tokens.length } : { ...options, duration: WARMUP_S });
  const result = await autocannon({ ...options, duration: DURATION_S });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('Run `npm run build` first: the bench measures the production build.');
  const server = await testServerUrl();
  const database = `keygate_bench_${randomBytes(4).toString('hex')}`;
  await onServer(server.url, `create database ${database}`);
  const url = databaseUrl(server.url, database);
  const children: ChildProcess[] = [];
  try {
    await migrateDatabase(url);
    const started = Date.now();
    const tokens = await seed(url);
    console.log(
      `Seeded ${KEYS.toLocaleString('en')} keys in ${((Date.now() - started) / 1000).toFixed(1)} s; requests cycle through ${tokens.length.toLocaleString('en')} of them.`,
    );
    const appEnv = {
      DATABASE_URL: url,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      AUTH_SECRET: 'bench-secret-bench-secret',
      NEXT_TELEMETRY_DISABLED: '1',
      KEYGATE_DATA_DIR: '.data/bench',
    };
    children.push(await start(['server/main.ts'], { ...appEnv, PORT: '3201' }, 'Keygate ready'));
    children.push(await start(['server/main.ts'], { ...appEnv, PORT: '3202', KEYGATE_FAST_VERIFY: '0' }, 'Keygate ready'));
    children.push(await start(['scripts/bench/bare-server.ts'], { DATABASE_URL: url, PORT: '3203' }, 'bare ready'));

    // One at a time, so each has the machine to itself (but for autocannon).
    const results = [
      await load('bare node:http + postgres.js + LRU', 'http://127.0.0.1:3203/verify', 'POST', tokens),
      await load('fast path (custom server)', 'http://127.0.0.1:3201/api/v1/tokens/verify', 'POST', tokens),
      await load('empty Next route (GET /api/health)', 'http://127.0.0.1:3202/api/health', 'GET', null),
      await load('Next route handler', 'http://127.0.0.1:3202/api/v1/tokens/verify', 'POST', tokens),
      await load('empty Next route, POST reading the same body', 'http://127.0.0.1:3202/api/health', 'POST', tokens),
    ];
    const [bare, fast, empty, route, emptyPost] = results as [Result, Result, Result, Result, Result];
    console.log(
      `\n${CONNECTIONS} connections, ${DURATION_S} s each after a warm-up (each sample token once; ${WARMUP_S} s for the empty GET), ${KEYS.toLocaleString('en')} keys\n`,
    );
    console.log('| server | req/s | p50 ms | p99 ms | errors / non-2xx |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of results)
      console.log(`| ${r.label} | ${Math.round(r.rps).toLocaleString('en')} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} |`);
    const fastRatio = fast.rps / bare.rps;
    const routeRatio = route.rps / empty.rps;
    console.log(`\nfast path / bare server: ${fastRatio.toFixed(2)}× (target ≥ 0.70×), fast path p99 ${fast.p99} ms (target < 20 ms)`);
    console.log(`route handler / empty Next route: ${routeRatio.toFixed(2)}× (target ≥ 0.90×)`);
    console.log(
      `route handler / empty Next POST route: ${(route.rps / emptyPost.rps).toFixed(2)}× (Next's floor for a JSON POST: what the handler itself adds)`,
    );
    console.log(`fast path / route handler: ${(fast.rps / route.rps).toFixed(1)}×`);
  } finally {
    await Promise.all(children.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
    await onServer(server.url, `drop database if exists ${database} with (force)`);
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
