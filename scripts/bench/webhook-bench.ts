// 1,000 webhook events delivered to a local receiver: from the outbox rows to every receiver's 2xx.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1_000);

export async function benchWebhooks(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= 'bench-secret-bench-secret';
  // Imported after DATABASE_URL is set: the worker uses the app's own pool.
  const { raiseWebhookEvents } = await import('@/lib/webhooks/raise-event');
  const { sealSecret, generateWebhookSecret } = await import('@/lib/webhooks/secret-box');
  const { startDeliveryWorker } = await import('@/lib/webhooks/delivery-worker');
  const { db, closeDb } = await import('@/db/client');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let received = 0;
  let allReceived: () => void = () => {};
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(204).end();
      if (++received === EVENTS) allReceived();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const id = crypto.randomUUID();
    await sql`
      insert into webhook_endpoints (id, url, events, secret_box, created_by_kind, created_by_id, created_by_name)
      values (${id}, ${`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`}, ${['*']}, ${sealSecret(id, generateWebhookSecret())}, 'user', 'bench', 'Bench')`;
    const events = Array.from({ length: EVENTS }, (_, i) => ({ type: 'api_access.updated' as const, data: { n: i } }));
    let started = performance.now();
    for (let i = 0; i < EVENTS; i += 500) await raiseWebhookEvents(db, events.slice(i, i + 500));
    const raisedMs = performance.now() - started;
    started = performance.now();
    const worker = startDeliveryWorker({ allowPrivate: true });
    await done;
    const deliveredMs = performance.now() - started;
    await worker.stop();
    const [left] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_deliveries where status <> 'delivered'`;
    console.log(
      `\nWebhooks: ${EVENTS.toLocaleString('en')} events to one local endpoint, one instance's worker (16 in flight, at most 4 per endpoint)`,
    );
    console.log(`  raised into the outbox: ${raisedMs.toFixed(0)} ms`);
    console.log(
      `  delivered (signed, SSRF-checked, one connection each): ${(deliveredMs / 1000).toFixed(2)} s, ${Math.round(EVENTS / (deliveredMs / 1000)).toLocaleString('en')} events/s; not delivered: ${left!.n}`,
    );
  } finally {
    receiver.close();
    await sql.end();
    await closeDb();
  }
}
