// Role requests with costly name patterns (the security probe's finding 1) arriving beside a
// client verifying real keys: the client's p99 without them and while they arrive, same run.
import autocannon from 'autocannon';
import postgres from 'postgres';
import { generateAccessId } from '@/lib/api-access/access-id';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';

const SECONDS = Number(process.env.BENCH_PATTERN_SECONDS ?? 8);
const RATE = 1_000;

/** The probe's body: 15 grants, each pattern `\pL{0,999}` 50 times (9 KB). */
const probeBody = JSON.stringify({
  name: 'probe',
  grants: Array.from({ length: 15 }, () => ({ permission: 'createApiAccess', accessNamePattern: '\\pL{0,999}'.repeat(50) })),
});

/** The costliest role still accepted: the four pattern permissions, each at the size limit with a large Unicode class; a new name each time. */
const largestAllowedBody = () =>
  JSON.stringify({
    name: `largest-${Math.random().toString(36).slice(2)}`,
    grants: ['createApiAccess', 'updateApiAccess', 'regenerateApiAccess', 'deleteApiAccess'].map((permission, i) => ({
      permission,
      accessNamePattern: `[\\pL\\pN\\pM\\pS\\pP]{0,${490 + i}}`,
    })),
  });

/** An everyday role, for comparison: one short pattern; a new name each time. */
const ordinaryBody = () =>
  JSON.stringify({
    name: `ordinary-${Math.random().toString(36).slice(2)}`,
    grants: [{ permission: 'createApiAccess', accessNamePattern: 'team-a-[a-z0-9-]{1,56}' }, { permission: 'listApiAccess' }],
  });

/** A key holding ADMIN, written straight into the database: the role requests' author. */
async function adminKey(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const token = generateToken();
    const [user] = await sql<{ id: string }[]>`select id from users order by created_at limit 1`;
    const id = generateAccessId();
    await sql`insert into api_access ${sql({
      id,
      name: `pattern-bench-${id}`,
      token_digest: tokenDigest(token),
      token_start: tokenStart(token),
      expires_at: new Date(Date.now() + 30 * 86_400_000),
      created_by_kind: 'user',
      created_by_id: user!.id,
      created_by_name: 'Bench',
      author_user_id: user!.id,
    })}`;
    await sql`insert into api_access_roles (api_access_id, role_id) select ${id}, id from roles where name = 'ADMIN'`;
    return token;
  } finally {
    await sql.end();
  }
}

function verifierOptions(base: string, tokens: string[]): autocannon.Options {
  let next = 0;
  return {
    url: `${base}/api/v1/tokens/verify`,
    method: 'POST',
    overallRate: RATE,
    connections: 10,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      { method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: tokens[next++ % tokens.length] }) }) },
    ],
  };
}

const verifier = (base: string, tokens: string[]) => autocannon(verifierOptions(base, tokens));

function roleRequests(base: string, token: string, body: () => string) {
  return autocannon({
    url: `${base}/api/v1/roles`,
    method: 'POST',
    connections: 4,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: body() }) }],
  });
}

export async function benchPatterns(base: string, url: string, tokens: string[]): Promise<void> {
  const token = await adminKey(url);
  // Every sample token once first, so each case measures a warm cache, not the first lookups.
  const { overallRate: _rate, duration: _duration, ...warmUp } = verifierOptions(base, tokens);
  await autocannon({ ...warmUp, amount: tokens.length });
  const calm = await verifier(base, tokens);
  const [underOrdinary, ordinary] = await Promise.all([verifier(base, tokens), roleRequests(base, token, ordinaryBody)]);
  const [underProbe, probe] = await Promise.all([verifier(base, tokens), roleRequests(base, token, () => probeBody)]);
  const [underLargest, largest] = await Promise.all([verifier(base, tokens), roleRequests(base, token, largestAllowedBody)]);
  const statuses = (result: autocannon.Result) =>
    Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count = 0 }]) => `${count.toLocaleString('en')} × ${status}`)
      .join(', ');
  console.log(
    `\nCostly role patterns (4 connections of role requests) beside a client verifying real keys at ${RATE.toLocaleString('en')} req/s, ${SECONDS} s each:\n`,
  );
  console.log('| | verification req/s | verification p50 / p99 / max ms | role requests |');
  console.log('|---|---:|---:|---|');
  const row = (label: string, verify: autocannon.Result, roles?: autocannon.Result) =>
    console.log(
      `| ${label} | ${Math.round(verify.requests.average).toLocaleString('en')} | ${verify.latency.p50} / ${verify.latency.p99} / ${verify.latency.max} | ${roles ? `${Math.round(roles.requests.average)} req/s: ${statuses(roles)}` : ''} |`,
    );
  row('alone', calm);
  row('during everyday role requests (one short pattern)', underOrdinary, ordinary);
  row('during the probe’s requests (15 × `\\pL{0,999}`×50)', underProbe, probe);
  row('during the largest roles allowed (4 patterns at the limit)', underLargest, largest);
  console.log(
    `\nverification p99 alone ${calm.latency.p99} ms, during everyday role requests ${underOrdinary.latency.p99} ms, during the probe's ${underProbe.latency.p99} ms, during the largest allowed ${underLargest.latency.p99} ms; errors ${underProbe.errors + underLargest.errors}, non-2xx ${underProbe.non2xx + underLargest.non2xx}`,
  );
}
