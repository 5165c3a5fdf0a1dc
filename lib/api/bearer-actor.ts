import { isExpired } from '@/lib/api-access/expiry';
import type { Actor } from '@/lib/auth/actor';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { failure, type Result } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { bearerThrottle } from './bearer-throttle';

/**
 * The API Access behind `Authorization: Bearer <token>`, as an actor holding
 * exactly its roles' grants. Missing, malformed, unknown, deleted and expired
 * tokens are all 401; a client that keeps sending such tokens gets 429.
 */
export async function bearerActor(request: Request): Promise<Result<Actor>> {
  const ip = clientIpFrom(request.headers);
  const throttle = bearerThrottle();
  const refused = (message: string) => {
    throttle.recordFailure(ip);
    return failure('UNAUTHENTICATED', message);
  };
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return refused('Send an API Access token as `Authorization: Bearer <token>`.');
  const pending = tokenRuntime().verifier.find(match[1]!);
  // Over the limit, only what needs no database is answered: cached keys keep working.
  const retryAfter = pending instanceof Promise ? throttle.retryAfter(ip) : null;
  if (retryAfter !== null) {
    return { ...failure('THROTTLED', `Too many requests with a missing or wrong token. Try again in ${retryAfter} s.`), retryAfter };
  }
  const found = await pending;
  if (found.kind === 'malformed') return refused('The token is malformed.');
  if (found.kind === 'notFound') return refused('The token is unknown or its API Access was deleted.');
  if (isExpired(found.holder.expiresAt)) return refused('The token has expired.');
  return {
    ok: true,
    data: {
      kind: 'apiAccess',
      id: found.holder.accessId,
      name: found.holder.name,
      grants: found.holder.grants,
      ip,
      userAgent: request.headers.get('user-agent'),
    },
  };
}
