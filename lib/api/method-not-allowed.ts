const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type NotAllowed = ((request: Request) => Response) & { notAllowed: true };

/**
 * Handlers for the methods a route does not have: a problem+json 405 with an
 * Allow header (Next's own 405 has neither). Spread into the route's exports:
 *
 * @example
 * export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET', 'POST');
 */
export function methodsNotAllowed<Allowed extends Method>(...allowed: Allowed[]): Record<Exclude<Method, Allowed>, NotAllowed> {
  const allow = allowed.join(', ');
  const handler = Object.assign(
    (request: Request) =>
      new Response(
        JSON.stringify({
          type: 'urn:keygate:problem:method-not-allowed',
          title: 'Method not allowed',
          status: 405,
          detail: `${new URL(request.url).pathname} takes ${allow}, not ${request.method}.`,
        }),
        { status: 405, headers: { 'content-type': 'application/problem+json', allow } },
      ),
    { notAllowed: true as const },
  );
  return Object.fromEntries(
    METHODS.filter((method) => !(allowed as Method[]).includes(method)).map((method) => [method, handler]),
  ) as never;
}
