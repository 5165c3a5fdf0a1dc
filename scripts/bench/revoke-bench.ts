// Issue 21 item 1: POST /api/v1/tokens/revoke must not tell by its timing whether a reported
// token exists. Reports of 1,000 made-up tokens against reports of 999 made-up and one real one,
// alternately, one at a time, on the same server; then a check that every real key was indeed
// marked leaked (after the answers). 60 reports in all: the endpoint's hourly allowance per address.
import postgres from 'postgres';
import { generateAccessId } from '@/lib/api-access/access-id';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';

const PAIRS = 30;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((values.length * p) / 100) - 1)]!;

async function report(base: string, credentials: string[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/tokens/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credentials }),
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 202) throw new Error(`revoke answered ${response.status}`);
  return elapsed;
}

export async function benchRevokeTiming(base: string, url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql<{ id: string }[]>`select id from users where email = 'bench@example.com'`;
    const real = Array.from({ length: PAIRS }, () => ({ id: generateAccessId(), token: generateToken() }));
    await sql`insert into api_access ${sql(
      real.map((key) => ({
        id: key.id,
        name: `revoke-${key.id}`,
        token_digest: tokenDigest(key.token),
        token_start: tokenStart(key.token),
        expires_at: new Date(Date.now() + 30 * 86_400_000),
        created_by_kind: 'user',
        created_by_id: user!.id,
        created_by_name: 'Bench',
        author_user_id: user!.id,
      })),
    )}`;
    const madeUp = () => Array.from({ length: 1_000 }, () => generateToken());
    const none: number[] = [];
    const one: number[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const withReal = [...madeUp().slice(1), real[pair]!.token];
      // Alternating order, so a drift of the machine favours neither kind.
      if (pair % 2) {
        one.push(await report(base, withReal));
        none.push(await report(base, madeUp()));
      } else {
        none.push(await report(base, madeUp()));
        one.push(await report(base, withReal));
      }
    }
    // The reports were looked at after their answers: wait for the marks.
    const ids = real.map((key) => key.id);
    let marked = 0;
    for (let tries = 0; tries < 100 && marked < PAIRS; tries++) {
      const [row] = await sql<
        { marked: number }[]
      >`select count(*)::int as marked from api_access where id = any(${ids}) and leaked_at is not null`;
      marked = row!.marked;
      if (marked < PAIRS) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ms = (value: number) => value.toFixed(1);
    console.log(
      `\nRevoke endpoint timing: ${PAIRS} reports of 1,000 made-up tokens and ${PAIRS} of 999 made-up plus one real one, alternately, one at a time\n`,
    );
    console.log('| report | p50 ms | p90 ms | max ms |');
    console.log('|---|---:|---:|---:|');
    console.log(`| 1,000 made-up | ${ms(percentile(none, 50))} | ${ms(percentile(none, 90))} | ${ms(Math.max(...none))} |`);
    console.log(`| 999 made-up + 1 real | ${ms(percentile(one, 50))} | ${ms(percentile(one, 90))} | ${ms(Math.max(...one))} |`);
    console.log(
      `\nwith a real token / without: p50 ${(percentile(one, 50) / percentile(none, 50)).toFixed(2)}×; real keys marked leaked after the answers: ${marked} of ${PAIRS}`,
    );
  } finally {
    await sql.end();
  }
}
