import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure } from '@/lib/errors';
import { problemParts } from '@/lib/api/problem';
import { metrics } from '@/lib/metrics/metrics';
import { isMetricsToken } from '@/lib/metrics/metrics-token';
import { scrapeMetrics } from '@/lib/metrics/scrape';
import { SECURITY_HEADERS } from '@/lib/security-headers';
import { settings } from '@/lib/settings';

export const METRICS_PATH = '/metrics';

export const isMetricsRequest = (req: IncomingMessage) => req.url?.split('?')[0] === METRICS_PATH;

/**
 * GET /metrics (SPEC §11), served by the custom server beside the fast path: the process's one
 * registry lives here, outside Next's bundle and its sign-in proxy. 404 while METRICS_TOKEN is
 * unset (as if there were no such route), 401 without that exact Bearer token.
 */
export async function handleMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = settings().METRICS_TOKEN;
  const registry = metrics();
  if (!token || !registry) return send(res, problemParts(failure('NOT_FOUND', 'Metrics are off: METRICS_TOKEN is not set.')));
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain' }, body: 'Method not allowed\n' });
  }
  if (!isMetricsToken(req.headers.authorization, token)) {
    return send(res, problemParts(failure('UNAUTHENTICATED', 'Send the metrics token as `Authorization: Bearer <METRICS_TOKEN>`.')));
  }
  const { contentType, body } = await scrapeMetrics(registry);
  send(res, {
    status: 200,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    body: req.method === 'HEAD' ? '' : body,
  });
}

function send(res: ServerResponse, { status, headers, body }: { status: number; headers: Record<string, string>; body: string }) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
