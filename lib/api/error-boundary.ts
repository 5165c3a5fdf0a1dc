import { randomUUID } from 'node:crypto';
import { failure, isDatabaseUnavailable, type Failure } from '@/lib/errors';
import { requestIdOf } from '@/lib/log/request-id';
import { currentRequestId, log } from '@/lib/log/logger';
import { problem } from './problem';

/**
 * What escaped a handler, logged once with the request's id (the X-Request-Id it is answered
 * with), as the failure the caller sees: 503 when the database cannot be reached (it recovers by
 * itself), else 500 with only the id.
 */
export function failureFromError(error: unknown, where: string, requestId = currentRequestId() ?? randomUUID()): Failure {
  log().error({ err: error, requestId }, `${where} failed`);
  return isDatabaseUnavailable(error)
    ? { ...failure('UNAVAILABLE', `The database cannot be reached right now; try again shortly (request ${requestId}).`), requestId }
    : { ...failure('INTERNAL', String((error as Error)?.message ?? error)), requestId };
}

/**
 * Wraps a route handler so nothing escapes it as Next's HTML error page: an API caller always
 * gets problem+json.
 *
 * @example
 * export const GET = withErrorBoundary(async (request) => Response.json(await work()));
 */
export function withErrorBoundary<Rest extends unknown[]>(handler: (request: Request, ...rest: Rest) => Promise<Response>) {
  return async (request: Request, ...rest: Rest): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      return problem(
        failureFromError(error, `${request.method} ${new URL(request.url).pathname}`, requestIdOf(request.headers) ?? undefined),
      );
    }
  };
}
