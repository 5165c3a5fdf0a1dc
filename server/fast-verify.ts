import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureFromError } from '@/lib/api/error-boundary';
import { problemParts } from '@/lib/api/problem';
import { BoundedBody, bodyTooLarge } from '@/lib/api/read-body';
import { answerVerify } from '@/lib/api/verify-endpoint';
import { SECURITY_HEADERS } from '@/lib/security-headers';
import { nearestForwardedHop } from '@/lib/auth/client-ip';
import { verifyResponseJson } from '@/lib/tokens/verify-token';

export const VERIFY_PATH = '/api/v1/tokens/verify';

/**
 * POST /api/v1/tokens/verify straight from node:http, skipping Next's per-request
 * cost; the answer comes from the same function as the route handler's.
 */
export function handleVerify(req: IncomingMessage, res: ServerResponse): void {
  const body = new BoundedBody();
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused || body.add(chunk)) return;
    refused = true;
    send(res, problemParts(bodyTooLarge()));
    req.resume();
  });
  req.on('end', () => {
    if (refused) return;
    const outcome = answerVerify(body.text(), () => callerOf(req));
    if (!(outcome instanceof Promise)) return respond(res, outcome);
    outcome.then(
      (result) => respond(res, result),
      (error) => send(res, problemParts(failureFromError(error, `POST ${VERIFY_PATH}`))),
    );
  });
}

function respond(res: ServerResponse, result: Awaited<ReturnType<typeof answerVerify>>) {
  send(res, result.ok ? { status: 200, headers: JSON_HEADERS, body: verifyResponseJson(result.data) } : problemParts(result));
}

/** server/start.ts has already put the one client address it trusts in X-Forwarded-For. */
const callerOf = (req: IncomingMessage) => ({
  ip: nearestForwardedHop(req.headers['x-forwarded-for']) ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

const JSON_HEADERS = { 'content-type': 'application/json' };

function send(res: ServerResponse, { status, headers, body }: { status: number; headers: Record<string, string>; body: string }) {
  if (res.headersSent) return;
  // A flat header list is node:http's cheapest form.
  res.writeHead(status, [...Object.entries({ ...SECURITY_HEADERS, ...headers }).flat(), 'content-length', String(Buffer.byteLength(body))]);
  res.end(body);
}

export const isVerifyRequest = (req: IncomingMessage) => req.method === 'POST' && req.url?.split('?')[0] === VERIFY_PATH;
