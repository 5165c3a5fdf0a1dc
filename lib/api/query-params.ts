/** A request's query as an object; an empty parameter (`?status=&limit=`, a template filled with nothing) means no filter and is left out. */
export const queryParams = (request: Request): Record<string, string> =>
  Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ''));
