import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureFromError } from '@/lib/api/error-boundary';
import { problemParts } from '@/lib/api/problem';
import { BoundedBody, bodyTooLarge } from '@/lib/api/read-body';
import { answerVerify } from '@/lib/api/verify-endpoint';
import { log } from '@/lib/log/logger';
import { REQUEST_ID_HEADER } from '@/lib/log/request-id';
import { httpResponseSent } from '@/lib/metrics/metrics';
import { SECURITY_HEADERS } from '@/lib/security-headers';
import { verifyResponseJson } from '@/lib/tokens/verify-token';

export const VERIFY_PATH = '/api/v1/tokens/verify';

/**
 * POST /api/v1/tokens/verify straight from node:http, skipping Next's per-request
 * cost; the answer comes from the same function as the route handler's.
 */
export function handleVerify(req: IncomingMessage, res: ServerResponse, requestId: string, clientAddress: string): void {
  const body = new BoundedBody();
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused || body.add(chunk)) return;
    refused = true;
    sendParts(res, requestId, problemParts(bodyTooLarge()));
    req.resume();
  });
  req.on('end', () => {
    if (refused) return;
    const outcome = answerVerify(body.text(), () => ({ ip: clientAddress || null, userAgent: req.headers['user-agent'] ?? null }));
    if (!(outcome instanceof Promise)) return respond(res, requestId, outcome);
    outcome.then(
      (result) => respond(res, requestId, result),
      (error) => sendParts(res, requestId, problemParts(failureFromError(error, `POST ${VERIFY_PATH}`, requestId))),
    );
  });
}

function respond(res: ServerResponse, requestId: string, result: Awaited<ReturnType<typeof answerVerify>>) {
  if (!result.ok) return sendParts(res, requestId, problemParts(result));
  const body = verifyResponseJson(result.data);
  // The common answer's headers are fixed but for two values: a flat list built once is node:http's cheapest form.
  writeAnswer(
    res,
    200,
    [...JSON_HEADER_LIST, REQUEST_ID_HEADER, requestId, 'content-length', String(Buffer.byteLength(body))],
    body,
    requestId,
  );
}

const JSON_HEADER_LIST = Object.entries({ ...SECURITY_HEADERS, 'content-type': 'application/json' }).flat();

export function sendParts(
  res: ServerResponse,
  requestId: string,
  { status, headers, body }: { status: number; headers: Record<string, string>; body: string },
) {
  const list = [...Object.entries({ ...SECURITY_HEADERS, ...headers }).flat(), REQUEST_ID_HEADER, requestId, 'content-length'];
  writeAnswer(res, status, [...list, String(Buffer.byteLength(body))], body, requestId);
}

function writeAnswer(res: ServerResponse, status: number, headers: string[], body: string, requestId: string) {
  if (res.headersSent) return;
  res.writeHead(status, headers);
  res.end(body);
  httpResponseSent(status);
  if (logEachRequest()) log().debug({ requestId, method: 'POST', path: VERIFY_PATH, status }, 'request served');
}

// Read once: at the default level a verification writes no line and costs no check of the logger.
let debugLines: boolean | undefined;
const logEachRequest = () => (debugLines ??= log().isLevelEnabled('debug'));

export const isVerifyRequest = (req: IncomingMessage) => req.method === 'POST' && req.url?.split('?')[0] === VERIFY_PATH;
