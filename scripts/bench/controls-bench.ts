// Issue 20 item 8: what the key controls cost and how well the rate limit holds across instances.
// - Verification of keys with allowed IPs and a rate limit (never reached) against plain keys, on
//   the fast path, in alternating rounds of the same run (target ≥ 0.85×, every answer VALID).
// - The rate limit's overshoot with two instances taking one key's requests at full speed for
//   one window (the README's stated bound: 10 % of the limit plus one sync interval's worth).
import autocannon from 'autocannon';
import postgres from 'postgres';
import { generateAccessId } from '@/lib/api-access/access-id';
import { generateToken } from '@/lib/tokens/token';
import { benchKeyRow } from './key-rows';

const KEYS = 10_000;
/**
 * Keys with a list of their own, measured after the others against the same plain keys (no
 * target). With 32 MB semi-spaces this phase ran in constant full collections and plain keys
 * slowed as much; servers now run with 16 MB (server/node-flags.ts, docs/benchmarks.md).
 */
const OWN_LIST_KEYS = 10_000;
const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
/** The shared count's sync interval (lib/tokens/rate-limiter.ts). */
const SYNC_MS = 250;
const CLIENT_IP = '10.20.30.40';

type Sql = ReturnType<typeof postgres>;
/** A key's allowed IPs, or the list of the i-th key of a batch. */
type Controls = { allowedIps: string[] | ((i: number) => string[]); rateLimit: { limit: number; windowSeconds: number } | null };

async function makeKeys(sql: Sql, count: number, controls: Controls, prefix: string): Promise<{ id: string; token: string }[]> {
  const [user] = await sql<{ id: string }[]>`select id from users where email = 'bench@example.com'`;
  const keys = Array.from({ length: count }, () => ({ id: generateAccessId(), token: generateToken() }));
  for (let start = 0; start < keys.length; start += 5_000) {
    await sql`insert into api_access ${sql(
      keys.slice(start, start + 5_000).map((key, i) => ({
        ...benchKeyRow(key, `${prefix}-${key.id}`, user!.id),
        allowed_ips: sql.array(typeof controls.allowedIps === 'function' ? controls.allowedIps(start + i) : controls.allowedIps),
        rate_limit_limit: controls.rateLimit?.limit ?? null,
        rate_limit_window_seconds: controls.rateLimit?.windowSeconds ?? null,
      })),
    )}`;
  }
  return keys;
}

type Run = { rps: number; p99: number; codes: Map<string, number> };

/** Verifications of `tokens` in turn, counting each answer's code. */
async function load(url: string, tokens: string[], options: { duration: number; connections?: number }): Promise<Run> {
  let next = 0;
  const codes = new Map<string, number>();
  const result = await autocannon({
    url: `${url}/api/v1/tokens/verify`,
    method: 'POST',
    connections: options.connections ?? CONNECTIONS,
    duration: options.duration,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: tokens[next++ % tokens.length], ip: CLIENT_IP }) }),
        onResponse: (status, body) => {
          const code = status === 200 ? (JSON.parse(body) as { code: string }).code : `HTTP ${status}`;
          codes.set(code, (codes.get(code) ?? 0) + 1);
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, codes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const codesText = (codes: Map<string, number>) => [...codes].map(([code, n]) => `${code} ${n.toLocaleString('en')}`).join(', ');

type Runs = { plain: Run[]; controlled: Run[] };

/** Alternating rounds of `plain` and `controlled` tokens on one instance, after a warm-up of each. */
async function againstPlain(fast: string, plain: string[], controlled: string[], rounds: number): Promise<Runs> {
  const tokensOf = { plain, controlled };
  for (const kind of ['plain', 'controlled'] as const) await load(fast, tokensOf[kind], { duration: 3 });
  const runs: Runs = { plain: [], controlled: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? (['controlled', 'plain'] as const) : (['plain', 'controlled'] as const);
    for (const kind of order) runs[kind].push(await load(fast, tokensOf[kind], { duration: DURATION_S }));
  }
  return runs;
}

const ratios = (runs: Runs) => runs.controlled.map((run, i) => run.rps / runs.plain[i]!.rps);
const allCodes = (runs: Run[]) =>
  runs.reduce((codes, run) => {
    for (const [code, n] of run.codes) codes.set(code, (codes.get(code) ?? 0) + n);
    return codes;
  }, new Map<string, number>());
const validCount = (runs: Run[]) => allCodes(runs).get('VALID') ?? 0;

/** A table row: the runs' figures and, against plain keys' runs of the same rounds, their ratios. */
function row(kind: string, runs: Run[], plain?: Run[]): string {
  const figures = `| ${kind} | ${Math.round(median(runs.map((r) => r.rps))).toLocaleString('en')} | ${median(runs.map((r) => r.p99))} | ${codesText(allCodes(runs))} |`;
  if (!plain) return `${figures} | |`;
  return `${figures} ${median(ratios({ plain, controlled: runs })).toFixed(2)}× | ${(validCount(runs) / validCount(plain)).toFixed(2)}× |`;
}

/** `fast`: the fast path's instance; `second`: another instance on the same database (`url`). */
export async function benchControls(fast: string, second: string, url: string): Promise<void> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const plain = (await makeKeys(sql, KEYS, { allowedIps: [], rateLimit: null }, 'plain')).map((key) => key.token);
    // A realistic list (the client's network among others) and a limit the bench never reaches.
    const office = ['192.0.2.0/24', '198.51.100.7', '10.0.0.0/8', '2001:db8::/32'];
    const rateLimit = { limit: 1_000_000, windowSeconds: 3_600 };
    const controlled = (await makeKeys(sql, KEYS, { allowedIps: office, rateLimit }, 'controlled')).map((key) => key.token);
    // The same with one address different per key: no two keys share a list, so none shares a matcher.
    const ownList = (i: number) => [office[0]!, `198.51.${(i >> 8) & 255}.${i & 255}`, office[2]!, office[3]!];
    const ownLists = (await makeKeys(sql, OWN_LIST_KEYS, { allowedIps: ownList, rateLimit }, 'own-lists')).map((key) => key.token);
    // Two working sets of 20,000 keys in turn, each of which the default cache holds (30,000 do not).
    console.log(
      `\nKey controls on the fast path: ${KEYS.toLocaleString('en')} keys with the same 4 allowed networks and a rate limit (1,000,000 per hour, never reached) against ${KEYS.toLocaleString('en')} plain keys, ${ROUNDS} alternating rounds of ${DURATION_S} s, ${CONNECTIONS} connections, every request with \`ip\`; then ${OWN_LIST_KEYS.toLocaleString('en')} whose lists differ in one address each (no check shared), ${Math.ceil(ROUNDS / 2)} rounds\n`,
    );
    console.log('| keys | req/s (median) | p99 ms (median) | answers | / plain keys (median of rounds) | / plain keys (all answers) |');
    console.log('|---|---:|---:|---|---:|---:|');
    const shared = await againstPlain(fast, plain, controlled, ROUNDS);
    const own = await againstPlain(fast, plain, ownLists, Math.ceil(ROUNDS / 2));
    console.log(row('plain', shared.plain));
    console.log(row('controlled', shared.controlled, shared.plain));
    console.log(row('a list of its own each', own.controlled, own.plain));
    console.log(`\ncontrolled / plain keys: ${median(ratios(shared)).toFixed(2)}× (target ≥ 0.85×, every answer VALID)`);

    // Overshoot: one key, both instances at full speed from the start of a window to shortly before its end.
    const limit = 20_000;
    const windowSeconds = 20;
    const [key] = await makeKeys(sql, 1, { allowedIps: [], rateLimit: { limit, windowSeconds } }, 'overshoot');
    for (const base of [fast, second]) await load(base, [key!.token], { duration: 1, connections: 1 });
    const windowMs = windowSeconds * 1000;
    const untilNextWindow = windowMs - (Date.now() % windowMs) + 50;
    await new Promise((resolve) => setTimeout(resolve, untilNextWindow));
    const [a, b] = await Promise.all([fast, second].map((base) => load(base, [key!.token], { duration: windowSeconds - 2 })));
    const valid = (a!.codes.get('VALID') ?? 0) + (b!.codes.get('VALID') ?? 0);
    const requests = [...a!.codes.values(), ...b!.codes.values()].reduce((sum, n) => sum + n, 0);
    const rate = a!.rps + b!.rps;
    const intervalWorth = Math.round((rate * SYNC_MS) / 1000);
    const overshoot = valid - limit;
    console.log(
      `\nRate limit across two instances: one key limited to ${limit.toLocaleString('en')} per ${windowSeconds} s, both instances at full speed (${CONNECTIONS} connections each) for ${windowSeconds - 2} s of one window: ${requests.toLocaleString('en')} requests at ${Math.round(rate).toLocaleString('en')} req/s in all; VALID ${valid.toLocaleString('en')} (instance A ${codesText(a!.codes)}; B ${codesText(b!.codes)})`,
    );
    console.log(
      `overshoot: ${overshoot.toLocaleString('en')} over the limit (${((overshoot / limit) * 100).toFixed(1)} % of it); bound: 10 % of the limit (${(limit / 10).toLocaleString('en')}) plus one ${SYNC_MS} ms sync interval's worth at this rate (${intervalWorth.toLocaleString('en')}) = ${(limit / 10 + intervalWorth).toLocaleString('en')}`,
    );
  } finally {
    await sql.end();
  }
}
