import { problem } from '@/lib/api/problem';

/** Any other path under /api/v1: a problem+json 404 like every other API error, not Next's HTML page. */
function notFound(request: Request): Response {
  return problem({
    code: 'NOT_FOUND',
    message: `There is no ${request.method} ${new URL(request.url).pathname} in this API; see /api/v1/openapi.json.`,
  });
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
