import { statusAt } from '@/lib/api-access/expiry';
import type { Actor } from '@/lib/auth/actor';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { requestIdOf } from '@/lib/log/request-id';
import { failure, type Result } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { allowsAddress, type TokenLookup } from '@/lib/tokens/token-verifier';
import { reportRetiredTokenUse, retiredTokenOf } from '@/lib/tokens/retired-token-alarm';
import { retryAfterSeconds } from '@/lib/tokens/rate-limiter';
import { bearerThrottle } from './bearer-throttle';

/**
 * The API Access behind `Authorization: Bearer <token>`, as an actor holding
 * exactly its roles' grants. Missing, malformed, unknown, deleted, expired and
 * disabled tokens are all 401; a client that keeps sending such tokens gets 429. A key used
 * from outside its allowed IPs is 403.
 */
export async function bearerActor(request: Request): Promise<Result<Actor>> {
  const ip = clientIpFrom(request.headers);
  const throttle = bearerThrottle();
  const refused = (message: string) => {
    throttle.recordFailure(ip);
    return failure('UNAUTHENTICATED', message);
  };
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const { verifier, limiter } = tokenRuntime();
  const cached = token === undefined ? undefined : verifier.cached(token);
  // Over the limit, only a key already in the cache is answered: everything else (no header, a
  // malformed, unknown or expired token) gets 429 before any lookup.
  const retryAfter = isLiveKey(cached) ? null : throttle.retryAfter(ip);
  if (retryAfter !== null) {
    return { ...failure('THROTTLED', `Too many requests with a missing or wrong token. Try again in ${retryAfter} s.`), retryAfter };
  }
  if (token === undefined) return refused('Send an API Access token as `Authorization: Bearer <token>`.');
  const found = cached ?? (await verifier.find(token));
  if (found.kind === 'malformed') return refused('The token is malformed.');
  const retired = retiredTokenOf(found, Date.now());
  if (retired) reportRetiredTokenUse(retired, { ip, userAgent: request.headers.get('user-agent') });
  if (found.kind !== 'found' || retired) return refused('The token is unknown or its API Access was deleted.');
  const status = statusAt(found.holder);
  if (status !== 'Active') return refused(status === 'Expired' ? 'The token has expired.' : 'The API Access is disabled.');
  // The token is genuine, so this is no failed authentication for the throttle: a 403, as for a missing permission.
  if (!allowsAddress(found.holder, ip)) {
    return failure('FORBIDDEN', `This API Access may not be used from ${ip}: the address is outside its allowed IPs.`);
  }
  // Platform calls count against the key's rate limit as verifications do (SPEC §3).
  const now = Date.now();
  const rate = found.holder.rateLimit && limiter.take(found.holder.accessId, found.holder.rateLimit, now);
  if (rate && !rate.allowed) {
    const wait = retryAfterSeconds(rate, now);
    return {
      ...failure(
        'THROTTLED',
        `This API Access has used its rate limit of ${rate.limit.toLocaleString('en')} requests. Try again in ${wait} s.`,
      ),
      retryAfter: wait,
    };
  }
  return {
    ok: true,
    data: {
      kind: 'apiAccess',
      id: found.holder.accessId,
      name: found.holder.name,
      grants: found.holder.grants,
      ip,
      userAgent: request.headers.get('user-agent'),
      requestId: requestIdOf(request.headers),
    },
  };
}

const isLiveKey = (lookup: TokenLookup | undefined) =>
  lookup?.kind === 'found' && statusAt(lookup.holder) === 'Active' && !retiredTokenOf(lookup, Date.now());
