import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { z } from 'zod';
import { validationFailure, type Failure } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { bearerActor } from './bearer-actor';
import { withErrorBoundary } from './error-boundary';
import { problem } from './problem';
import { readJsonObject } from './read-body';

type Context<Params, Body> = { actor: Actor; request: Request; params: Params; body: Body };

/**
 * Wraps a /api/v1 handler: authenticates the bearer token, reads a bounded
 * JSON body when the method has one, maps a failure to its problem response
 * (status from lib/errors), counts a success as a use of the key, and turns
 * anything thrown into problem+json (503 when the database is unreachable).
 *
 * @example
 * export const GET = apiRoute(async ({ actor }) => {
 *   const result = await listRoles({ actor });
 *   return result.ok ? Response.json({ data: result.data.map(roleJson) }) : result;
 * });
 */
export function apiRoute<Params = Record<string, never>, Schema extends z.ZodType = z.ZodType<Record<string, unknown>>>(
  handler: (context: Context<Params, z.output<Schema>>) => Promise<Response | Failure>,
  /** The body's shape as published in the OpenAPI document; checked before the operation sees it. */
  options: { body?: Schema } = {},
) {
  return withErrorBoundary(async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    const authenticated = await bearerActor(request);
    if (!authenticated.ok) return problem(authenticated);
    let body: unknown = {};
    if (request.method === 'POST' || request.method === 'PATCH' || request.method === 'PUT') {
      const read = await readJsonObject(request);
      if (!read.ok) return problem(read);
      body = read.data;
      if (options.body) {
        const parsed = options.body.safeParse(body);
        if (!parsed.success) return problem(validationFailure(parsed.error));
        body = parsed.data;
      }
    }
    const outcome = await handler({ actor: authenticated.data, request, params: await route.params, body: body as z.output<Schema> });
    if (!(outcome instanceof Response)) return problem(outcome);
    if (outcome.ok) tokenRuntime().usage.record(authenticated.data.id);
    return outcome;
  });
}
