import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Failure } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { bearerActor } from './bearer-actor';
import { withErrorBoundary } from './error-boundary';
import { problem } from './problem';
import { readJsonObject } from './read-body';

/** `body` is the JSON object sent, unchecked: the operation's own schema validates it (`operation.fromRequestBody`). */
type Context<Params> = { actor: Actor; request: Request; params: Params; body: Record<string, unknown> };

/**
 * Wraps a /api/v1 handler: authenticates the bearer token, reads a bounded
 * JSON object body when the method has one (left to the operation to check), maps a failure to its problem response
 * (status from lib/errors), counts a success as a use of the key, and turns
 * anything thrown into problem+json (503 when the database is unreachable).
 *
 * @example
 * export const GET = apiRoute(async ({ actor }) => {
 *   const result = await listRoles({ actor });
 *   return result.ok ? Response.json({ data: result.data.map(roleJson) }) : result;
 * });
 */
export function apiRoute<Params = Record<string, never>>(
  handler: (context: Context<Params>) => Promise<Response | Failure>,
  /** `optionalBody`: an action that takes no input (rotate, test) may be POSTed with no body. */
  { optionalBody = false } = {},
) {
  return withErrorBoundary(async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    const authenticated = await bearerActor(request);
    if (!authenticated.ok) return problem(authenticated);
    let body: Record<string, unknown> = {};
    if (request.method === 'POST' || request.method === 'PATCH' || request.method === 'PUT') {
      const read = await readJsonObject(request, { optional: optionalBody });
      if (!read.ok) return problem(read);
      body = read.data;
    }
    const outcome = await handler({ actor: authenticated.data, request, params: await route.params, body });
    if (!(outcome instanceof Response)) return problem(outcome);
    if (outcome.ok) tokenRuntime().usage.record(authenticated.data.id);
    return outcome;
  });
}
