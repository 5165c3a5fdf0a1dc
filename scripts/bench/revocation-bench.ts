// How long a second instance keeps accepting a revoked token: 100 revocations (deletes and
// regenerations, alternately) of keys instance B has cached, each followed by polling B's fast
// path until it refuses the old token. Measured two ways, in the same run:
// - committed by this process as the app does (the change and its NOTIFY in one transaction):
//   from the moment COMMIT returned, so the figure is the propagation alone;
// - through instance A's REST API: the commit falls somewhere inside A's request, so the delay
//   from the commit lies between "from A's answer" and "from the request" (B is polled throughout).
import postgres from 'postgres';
import { generateAccessId } from '@/lib/api-access/access-id';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';
import { TOKEN_CHANNEL } from '@/lib/tokens/token-verifier';
import { benchKeyRow } from './key-rows';

const REVOCATIONS = Number(process.env.BENCH_REVOCATIONS ?? 100);
/** The issue's bound: a revoked token is refused by every instance within a second. */
const DEADLINE_MS = 1000;

type Key = { id: string; token: string };
type Sql = ReturnType<typeof postgres>;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((values.length * p) / 100) - 1)]!;
const ms = (value: number) => `${value.toFixed(1)}`;

async function verify(base: string, token: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/tokens/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return ((await response.json()) as { code: string }).code;
}

/** Keys of their own (the other benches' tokens stay valid), made as the bench's seed makes them. */
async function makeKeys(sql: Sql, count: number, roleName?: string): Promise<Key[]> {
  const [user] = await sql<{ id: string }[]>`select id from users where email = 'bench@example.com'`;
  const keys = Array.from({ length: count }, () => ({ id: generateAccessId(), token: generateToken() }));
  await sql`insert into api_access ${sql(keys.map((key) => benchKeyRow(key, `revocation-${key.id}`, user!.id)))}`;
  if (roleName) {
    await sql`insert into api_access_roles (api_access_id, role_id)
      select k, r.id from unnest(${sql.array(keys.map((key) => key.id))}::text[]) as k, roles r where r.name = ${roleName}`;
  }
  return keys;
}

/** Polls B back to back until it refuses `token`: the instant of the first refusal, or null past `deadline`. */
async function firstRefusal(b: string, token: string, deadline: number): Promise<number | null> {
  for (;;) {
    const code = await verify(b, token);
    const at = performance.now();
    if (code !== 'VALID') return at;
    if (at > deadline) return null;
  }
}

/** The change as the app makes it: the row changed and its NOTIFY, in one transaction, delivered to every listener on commit. */
async function revokeAsTheAppDoes(sql: Sql, key: Key, regenerate: boolean) {
  await sql.begin(async (tx) => {
    if (regenerate) {
      const token = generateToken();
      await tx`update api_access set token_digest = ${tokenDigest(token)}, token_start = ${tokenStart(token)}, valid_from = now(), updated_at = now() where id = ${key.id}`;
    } else {
      await tx`delete from api_access where id = ${key.id}`;
    }
    await tx`select pg_notify(${TOKEN_CHANNEL}, ${key.id})`;
  });
}

/** SPEC §7: disabling stops a key on every instance as deletion does. */
async function disableThroughRest(a: string, operator: string, key: Key) {
  const response = await fetch(`${a}/api/v1/api-access/${key.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`A answered ${response.status} to disabling ${key.id}`);
}

async function revokeThroughRest(a: string, operator: string, key: Key, regenerate: boolean) {
  const response = await fetch(`${a}/api/v1/api-access/${key.id}${regenerate ? '/regenerate' : ''}`, {
    method: regenerate ? 'POST' : 'DELETE',
    headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
    body: regenerate ? JSON.stringify({ expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }) : undefined,
  });
  await response.arrayBuffer();
  if (response.status !== (regenerate ? 200 : 204)) throw new Error(`A answered ${response.status} to the revocation of ${key.id}`);
}

/**
 * `a`: the instance whose REST API makes the changes; `b`: the fast path that must notice them.
 * Both are running on the database at `url`.
 */
export async function benchRevocation(a: string, b: string, url: string): Promise<void> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const [operator] = await makeKeys(sql, 1, 'ADMIN');
    const direct = await makeKeys(sql, REVOCATIONS);
    const rest = await makeKeys(sql, REVOCATIONS);
    const disabled = await makeKeys(sql, REVOCATIONS);
    // Warm: B has every key cached as valid (as it would a key in use), A knows the operator.
    for (const key of [...direct, ...rest, ...disabled])
      if ((await verify(b, key.token)) !== 'VALID') throw new Error(`B refused ${key.id} before its revocation`);
    if ((await fetch(`${a}/api/v1/roles`, { headers: { authorization: `Bearer ${operator!.token}` } })).status !== 200)
      throw new Error('A refused the operator key');

    const fromCommit: number[] = [];
    let missedDirect = 0;
    let missedRest = 0;
    for (const [index, key] of direct.entries()) {
      if ((await verify(b, key.token)) !== 'VALID') throw new Error(`B no longer had ${key.id} cached`);
      await revokeAsTheAppDoes(sql, key, index % 2 === 1);
      const committed = performance.now();
      const refused = await firstRefusal(b, key.token, committed + DEADLINE_MS);
      if (refused === null) missedDirect++;
      else fromCommit.push(refused - committed);
    }

    const fromAnswer: number[] = [];
    const fromRequest: number[] = [];
    const requests: number[] = [];
    for (const [index, key] of rest.entries()) {
      if ((await verify(b, key.token)) !== 'VALID') throw new Error(`B no longer had ${key.id} cached`);
      const sent = performance.now();
      // B is polled from the moment the request leaves, so a refusal before A's answer is seen too.
      const refusal = firstRefusal(b, key.token, sent + DEADLINE_MS + 5_000);
      await revokeThroughRest(a, operator!.token, key, index % 2 === 1);
      const answered = performance.now();
      const refused = await refusal;
      requests.push(answered - sent);
      if (refused === null || refused - answered > DEADLINE_MS) missedRest++;
      if (refused === null) continue;
      fromAnswer.push(refused - answered);
      fromRequest.push(refused - sent);
    }

    // Disabling through A's REST API: B must answer DISABLED (the database's trigger announces the change).
    const disableFromAnswer: number[] = [];
    let missedDisable = 0;
    for (const key of disabled) {
      if ((await verify(b, key.token)) !== 'VALID') throw new Error(`B no longer had ${key.id} cached`);
      const sent = performance.now();
      const refusal = firstRefusal(b, key.token, sent + DEADLINE_MS + 5_000);
      await disableThroughRest(a, operator!.token, key);
      const answered = performance.now();
      const refused = await refusal;
      if (refused === null || refused - answered > DEADLINE_MS) missedDisable++;
      if (refused !== null) disableFromAnswer.push(refused - answered);
      if ((await verify(b, key.token)) !== 'DISABLED') throw new Error(`B did not answer DISABLED for ${key.id}`);
    }

    const within = (missed: number) =>
      missed ? `${missed} of ${REVOCATIONS} NOT within ${DEADLINE_MS} ms` : `all within ${DEADLINE_MS} ms`;
    console.log(
      `\nRevocation seen by a second instance (B, the fast path): ${REVOCATIONS} revocations each way, deletes and regenerations alternately, of keys B had cached; B polled back to back until it refused the old token (resolution: one verify round trip, ~1 ms)\n`,
    );
    console.log('| revocation | measured | p50 ms | p99 ms | max ms |');
    console.log('|---|---|---:|---:|---:|');
    const row = (label: string, measured: string, values: number[]) =>
      console.log(
        `| ${label} | ${measured} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} | ${ms(Math.max(...values))} |`,
      );
    row('committed by another process, as the app does it', 'COMMIT returned → B refuses', fromCommit);
    row("through A's REST API", "A's answer → B refuses (negative: before the answer)", fromAnswer);
    row("through A's REST API", 'request sent → B refuses (includes A before its commit)', fromRequest);
    row("through A's REST API", "request sent → A's answer", requests);
    row("disabled through A's REST API (PATCH enabled: false)", "A's answer → B answers DISABLED", disableFromAnswer);
    console.log(
      `\nrevocation delay at the second instance, from commit: p50 ${ms(percentile(fromCommit, 50))} ms, p99 ${ms(percentile(fromCommit, 99))} ms (${within(missedDirect)}); through A's REST API, after A's answer: p50 ${ms(percentile(fromAnswer, 50))} ms, p99 ${ms(percentile(fromAnswer, 99))} ms (${within(missedRest)}; target: refused by every instance within ${DEADLINE_MS} ms)`,
    );
    console.log(
      `disable seen by the second instance, after A's answer: p50 ${ms(percentile(disableFromAnswer, 50))} ms, p99 ${ms(percentile(disableFromAnswer, 99))} ms (${within(missedDisable)}; target ≤ ${DEADLINE_MS} ms)`,
    );
  } finally {
    await sql.end();
  }
}
