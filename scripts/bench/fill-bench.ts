// A full instance asked to verify every one of the 100,000 keys, three times over: its key cache
// fills to its budget (lib/tokens/cache-budget.ts) and it must keep answering inside its heap
// ceiling. With a fixed 64 MB budget it ran out of heap on the first pass.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function heapUsedMb(base: string, metricsToken: string): Promise<number> {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const used = /^nodejs_heap_size_used_bytes (\d+)/m.exec(await response.text())?.[1];
  return Math.round(Number(used) / 1024 / 1024);
}

export async function benchCacheFill(base: string, pid: number, metricsToken: string, tokens: string[]): Promise<void> {
  console.log(`\nEvery key verified, ${tokens.length.toLocaleString('en')} different tokens per pass, 50 connections, a fresh full instance:\n`);
  console.log('| pass | req/s | non-2xx / errors | RSS after | JS heap in use after |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| before | | | ${rssMb(pid)} MB | ${await heapUsedMb(base, metricsToken)} MB |`);
  for (let pass = 1; pass <= 3; pass++) {
    let next = 0;
    const result = await autocannon({
      url: `${base}/api/v1/tokens/verify`,
      connections: 50,
      amount: tokens.length,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: tokens[next++]! }) }) }],
    });
    if (!isRunning(pid)) throw new Error(`the server stopped during pass ${pass} (out of heap?): see its output above`);
    console.log(
      `| ${pass} | ${Math.round(result.requests.average).toLocaleString('en')} | ${result.non2xx} / ${result.errors} | ${rssMb(pid)} MB | ${await heapUsedMb(base, metricsToken)} MB |`,
    );
  }
}
