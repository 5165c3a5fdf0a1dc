import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { headers: IncomingMessage['headers']; body: string; at: number; path: string };
type Reply = number | 'hang' | { status: number; headers: Record<string, string> };

/**
 * A real local webhook receiver (node:http on 127.0.0.1): records every request and answers what
 * `answer` says (a status, or 'hang' to never answer; a promise of one holds the request open
 * until it settles). `open` counts requests not answered yet; `maxOpen` the most at once, in all
 * and per path.
 */
export async function startReceiver(answer: (received: Received, count: number) => Reply | Promise<Reply> = () => 204) {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const openByPath = new Map<string, number>();
  const maxOpenByPath = new Map<string, number>();
  const state = { open: 0, maxOpen: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const path = request.url ?? '/';
      const entry = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), path };
      received.push(entry);
      state.maxOpen = Math.max(state.maxOpen, ++state.open);
      openByPath.set(path, (openByPath.get(path) ?? 0) + 1);
      maxOpenByPath.set(path, Math.max(maxOpenByPath.get(path) ?? 0, openByPath.get(path)!));
      const reply = await answer(entry, received.length);
      if (reply === 'hang') return void hanging.add(response);
      state.open--;
      openByPath.set(path, openByPath.get(path)! - 1);
      if (typeof reply === 'number') response.writeHead(reply).end();
      else response.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    get open() {
      return state.open;
    },
    get maxOpen() {
      return state.maxOpen;
    },
    maxOpenByPath,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
