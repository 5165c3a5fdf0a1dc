// A flood of made-up (checksum-valid) tokens from one client, beside a client verifying real keys
// and an admin reading the table: each measured with and without the flood, in the same run.
import autocannon from 'autocannon';
import { generateToken } from '@/lib/tokens/token';
import { adminSessionCookie } from './session-cookie';
import { percentile } from './percentile';

const SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 8);

/** A client verifying real keys: as fast as it can, or at a steady rate (what a gateway sends). */
function realClient(base: string, tokens: string[], overallRate?: number) {
  let next = 0;
  return autocannon({
    ...(overallRate ? { overallRate } : {}),
    url: `${base}/api/v1/tokens/verify`,
    method: 'POST',
    connections: 10,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      { method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: tokens[next++ % tokens.length] }) }) },
    ],
  });
}

function flood(base: string) {
  return autocannon({
    url: `${base}/api/v1/tokens/verify`,
    method: 'POST',
    connections: 40,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: generateToken() }) }) }],
  });
}

/** The table page, read one request after another by a signed-in admin, for the duration. */
async function tableReader(base: string, cookie: string): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  while (Date.now() < until) {
    const started = performance.now();
    const response = await fetch(`${base}/access-management/api-access?q=bench-9`, { headers: { cookie }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`table page answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

export async function benchFlood(base: string, url: string, secret: string, tokens: string[]): Promise<void> {
  const cookie = await adminSessionCookie(url, secret, 'bench@example.com');
  await tableReader(base, cookie).catch(() => []); // warm the page
  const [calm, calmTable] = await Promise.all([realClient(base, tokens), tableReader(base, cookie)]);
  const [stormy, floodResult, stormyTable] = await Promise.all([realClient(base, tokens), flood(base), tableReader(base, cookie)]);
  const ratio = stormy.requests.average / calm.requests.average;
  const steady = 2_000;
  const calmSteady = await realClient(base, tokens, steady);
  const [stormySteady] = await Promise.all([realClient(base, tokens, steady), flood(base)]);
  console.log(
    `\nFlood of made-up tokens (40 connections, ${Math.round(floodResult.requests.average).toLocaleString('en')} req/s) beside a real client (10 connections), ${SECONDS} s each:\n`,
  );
  console.log('| | real client req/s | real client p99 ms | table page p50 / p95 ms |');
  console.log('|---|---:|---:|---:|');
  console.log(
    `| without the flood | ${Math.round(calm.requests.average).toLocaleString('en')} | ${calm.latency.p99} | ${percentile(calmTable, 50).toFixed(0)} / ${percentile(calmTable, 95).toFixed(0)} |`,
  );
  console.log(
    `| during the flood | ${Math.round(stormy.requests.average).toLocaleString('en')} | ${stormy.latency.p99} | ${percentile(stormyTable, 50).toFixed(0)} / ${percentile(stormyTable, 95).toFixed(0)} |`,
  );
  const row = (label: string, result: autocannon.Result) =>
    console.log(`| ${label} | ${Math.round(result.requests.average).toLocaleString('en')} | ${result.latency.p99} | |`);
  row(`at a steady ${steady.toLocaleString('en')} req/s, without the flood`, calmSteady);
  row(`at a steady ${steady.toLocaleString('en')} req/s, during the flood`, stormySteady);
  console.log(
    `\nreal client (as fast as it can) during / without the flood: ${ratio.toFixed(2)}× (target ≥ 0.70×); errors ${stormy.errors}, non-2xx ${stormy.non2xx}`,
  );
  console.log(
    `real client at a steady rate, during / without the flood: ${(stormySteady.requests.average / calmSteady.requests.average).toFixed(2)}×, p99 ${calmSteady.latency.p99} → ${stormySteady.latency.p99} ms, non-2xx ${stormySteady.non2xx}`,
  );
}
