import { isExpired } from '@/lib/api-access/expiry';
import type { Actor } from '@/lib/auth/actor';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { failure, type Result, success } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';

/**
 * The API Access behind `Authorization: Bearer <token>`, as an actor holding
 * exactly its roles' grants. Missing, malformed, unknown, deleted and expired
 * tokens are all 401.
 */
export async function bearerActor(request: Request): Promise<Result<Actor>> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return failure('UNAUTHENTICATED', 'Send an API Access token as `Authorization: Bearer <token>`.');
  const found = await tokenRuntime().verifier.lookup(match[1]!);
  if (found.kind === 'malformed') return failure('UNAUTHENTICATED', 'The token is malformed.');
  if (found.kind === 'notFound') return failure('UNAUTHENTICATED', 'The token is unknown or its API Access was deleted.');
  if (isExpired(found.holder.expiresAt)) return failure('UNAUTHENTICATED', 'The token has expired.');
  return success({
    kind: 'apiAccess',
    id: found.holder.accessId,
    name: found.holder.name,
    grants: found.holder.grants,
    ip: clientIpFrom(request.headers),
  });
}
