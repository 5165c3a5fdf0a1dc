import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureFromError } from '@/lib/api/error-boundary';
import { problemParts } from '@/lib/api/problem';
import { BoundedBody, bodyTooLarge } from '@/lib/api/read-body';
import { answerVerify } from '@/lib/api/verify-endpoint';
import { log } from '@/lib/log/logger';
import { REQUEST_ID_HEADER } from '@/lib/log/request-id';
import { httpResponseSent } from '@/lib/metrics/metrics';
import { SECURITY_HEADERS } from '@/lib/security-headers';
import { nearestForwardedHop } from '@/lib/auth/client-ip';
import { verifyResponseJson } from '@/lib/tokens/verify-token';

export const VERIFY_PATH = '/api/v1/tokens/verify';

/**
 * POST /api/v1/tokens/verify straight from node:http, skipping Next's per-request
 * cost; the answer comes from the same function as the route handler's.
 */
export function handleVerify(req: IncomingMessage, res: ServerResponse, requestId: string): void {
  const body = new BoundedBody();
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused || body.add(chunk)) return;
    refused = true;
    send(res, requestId, problemParts(bodyTooLarge()));
    req.resume();
  });
  req.on('end', () => {
    if (refused) return;
    const outcome = answerVerify(body.text(), () => callerOf(req));
    if (!(outcome instanceof Promise)) return respond(res, requestId, outcome);
    outcome.then(
      (result) => respond(res, requestId, result),
      (error) => send(res, requestId, problemParts(failureFromError(error, `POST ${VERIFY_PATH}`, requestId))),
    );
  });
}

function respond(res: ServerResponse, requestId: string, result: Awaited<ReturnType<typeof answerVerify>>) {
  send(res, requestId, result.ok ? { status: 200, headers: JSON_HEADERS, body: verifyResponseJson(result.data) } : problemParts(result));
}

/** server/start.ts has already put the one client address it trusts in X-Forwarded-For. */
const callerOf = (req: IncomingMessage) => ({
  ip: nearestForwardedHop(req.headers['x-forwarded-for']) ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

const JSON_HEADERS = { 'content-type': 'application/json' };

function send(
  res: ServerResponse,
  requestId: string,
  { status, headers, body }: { status: number; headers: Record<string, string>; body: string },
) {
  if (res.headersSent) return;
  // A flat header list is node:http's cheapest form.
  res.writeHead(status, [
    ...Object.entries({ ...SECURITY_HEADERS, ...headers }).flat(),
    REQUEST_ID_HEADER,
    requestId,
    'content-length',
    String(Buffer.byteLength(body)),
  ]);
  res.end(body);
  httpResponseSent(status);
  if (logEachRequest()) log().debug({ requestId, method: 'POST', path: VERIFY_PATH, status }, 'request served');
}

// Read once: at the default level a verification writes no line and costs no check of the logger.
let debugLines: boolean | undefined;
const logEachRequest = () => (debugLines ??= log().isLevelEnabled('debug'));

export const isVerifyRequest = (req: IncomingMessage) => req.method === 'POST' && req.url?.split('?')[0] === VERIFY_PATH;
