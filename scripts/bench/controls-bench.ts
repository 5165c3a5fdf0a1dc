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
const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
/** The shared count's sync interval (lib/tokens/rate-limiter.ts). */
const SYNC_MS = 250;
const CLIENT_IP = '10.20.30.40';

type Sql = ReturnType<typeof postgres>;
type Controls = { allowedIps: string[]; rateLimit: { limit: number; windowSeconds: number } | null };

async function makeKeys(sql: Sql, count: number, controls: Controls, prefix: string): Promise<{ id: string; token: string }[]> {
  const [user] = await sql<{ id: string }[]>`select id from users where email = 'bench@example.com'`;
  const keys = Array.from({ length: count }, () => ({ id: generateAccessId(), token: generateToken() }));
  for (let start = 0; start < keys.length; start += 5_000) {
    await sql`insert into api_access ${sql(
      keys.slice(start, start + 5_000).map((key) => ({
        ...benchKeyRow(key, `${prefix}-${key.id}`, user!.id),
        allowed_ips: sql.array(controls.allowedIps),
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

/** `fast`: the fast path's instance; `second`: another instance on the same database (`url`). */
export async function benchControls(fast: string, second: string, url: string): Promise<void> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const plain = (await makeKeys(sql, KEYS, { allowedIps: [], rateLimit: null }, 'plain')).map((key) => key.token);
    const controlled = (
      await makeKeys(
        sql,
        KEYS,
        // A realistic list (the client's network among others) and a limit the bench never reaches.
        {
          allowedIps: ['192.0.2.0/24', '198.51.100.7', '10.0.0.0/8', '2001:db8::/32'],
          rateLimit: { limit: 1_000_000, windowSeconds: 3_600 },
        },
        'controlled',
      )
    ).map((key) => key.token);
    for (const tokens of [plain, controlled]) await load(fast, tokens, { duration: 3 });

    const runs = { plain: [] as Run[], controlled: [] as Run[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? (['controlled', 'plain'] as const) : (['plain', 'controlled'] as const);
      for (const kind of order) runs[kind].push(await load(fast, kind === 'plain' ? plain : controlled, { duration: DURATION_S }));
    }
    const ratios = runs.controlled.map((run, i) => run.rps / runs.plain[i]!.rps);
    const all = (kind: 'plain' | 'controlled') =>
      runs[kind].reduce((codes, run) => {
        for (const [code, n] of run.codes) codes.set(code, (codes.get(code) ?? 0) + n);
        return codes;
      }, new Map<string, number>());
    console.log(
      `\nKey controls on the fast path: ${KEYS.toLocaleString('en')} keys with 4 allowed networks and a rate limit (1,000,000 per hour, never reached) against ${KEYS.toLocaleString('en')} plain keys, ${ROUNDS} alternating rounds of ${DURATION_S} s, ${CONNECTIONS} connections, every request with \`ip\`\n`,
    );
    console.log('| keys | req/s (median) | p99 ms (median) | answers |');
    console.log('|---|---:|---:|---|');
    for (const kind of ['plain', 'controlled'] as const) {
      console.log(
        `| ${kind} | ${Math.round(median(runs[kind].map((r) => r.rps))).toLocaleString('en')} | ${median(runs[kind].map((r) => r.p99))} | ${codesText(all(kind))} |`,
      );
    }
    console.log(`\ncontrolled / plain keys: ${median(ratios).toFixed(2)}× (target ≥ 0.85×, every answer VALID)`);

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
