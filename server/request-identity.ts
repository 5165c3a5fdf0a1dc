import type { IncomingMessage } from 'node:http';
import { nearestForwardedHop } from '@/lib/auth/client-ip';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/log/request-id';

/**
 * A request's id (the caller's valid X-Request-Id, else a new one) and its client's address:
 * behind a trusted reverse proxy (TRUST_PROXY=1) the hop it saw, otherwise the socket's address.
 */
export function identifyRequest(req: IncomingMessage, trustProxy: boolean): { requestId: string; clientAddress: string } {
  return {
    requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    clientAddress: (trustProxy && nearestForwardedHop(req.headers['x-forwarded-for'])) || req.socket.remoteAddress || '',
  };
}
