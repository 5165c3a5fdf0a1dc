import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';

export type SentEmail = { from: string; to: string | string[]; subject: string; html: string; text: string };
export type ScriptedAnswer = { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
/** `apiKey`: the Bearer token sent, which tells apart senders given different RESEND_API_KEYs. */
type Attempt = { idempotencyKey: string | null; email: SentEmail; status: number; apiKey: string | null };

const readBody = async (request: IncomingMessage) => {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
};

/**
 * A local stand-in for Resend's POST /emails (RESEND_BASE_URL points the SDK at it). Like
 * Resend, a repeated Idempotency-Key is answered with the first email's id and not delivered
 * again. `script` queues answers for the next requests (a 500, a 429, a slow answer…); a slow
 * answer is delivered all the same, as a real provider would after the client gave up.
 */
export async function startFakeResend() {
  const attempts: Attempt[] = [];
  const delivered = new Map<string, { id: string; email: SentEmail }>();
  const queue: ScriptedAnswer[] = [];
  const server = createServer(async (request, response) => {
    const email = JSON.parse(await readBody(request)) as SentEmail;
    const idempotencyKey = (request.headers['idempotency-key'] as string | undefined) ?? null;
    const apiKey = request.headers.authorization?.replace(/^Bearer /, '') ?? null;
    const scripted = queue.shift();
    const status = scripted?.status ?? 200;
    attempts.push({ idempotencyKey, email, status, apiKey });
    const deliver = () => {
      const key = idempotencyKey ?? randomUUID();
      if (!delivered.has(key)) delivered.set(key, { id: randomUUID(), email });
      return delivered.get(key)!.id;
    };
    let body: unknown = scripted?.body;
    if (status === 200) body = { id: deliver() };
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
    response.end(JSON.stringify(body ?? { statusCode: status, name: 'internal_server_error', message: 'Scripted failure' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    /** Emails that arrived, once each. */
    delivered: () => [...delivered.values()].map((entry) => entry.email),
    script: (...answers: ScriptedAnswer[]) => queue.push(...answers),
    reset() {
      attempts.length = 0;
      delivered.clear();
      queue.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
