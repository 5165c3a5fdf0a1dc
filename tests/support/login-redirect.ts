import { expect } from 'vitest';

/** A Location as the browser on `origin` resolves it: a relative one stays on the address it asked. */
export const resolvedOn = (origin: string) => (location: string | null) => new URL(location ?? '', origin);

/** Never the server's own address: the browser is sent to the origin it asked. */
const SERVER_ADDRESS = /localhost|127\.0\.0\.1/;

/**
 * A signed-out visitor's answer for `deepLink`: a 307 to /login on `origin`, with the deep link as
 * a relative callbackUrl, never naming the server's own address.
 */
export function expectLoginRedirect(response: Response, origin: string, deepLink: string) {
  expect(response.status).toBe(307);
  const location = response.headers.get('location') ?? '';
  expect(location).not.toMatch(SERVER_ADDRESS);
  const resolved = resolvedOn(origin)(location);
  expect(resolved.origin).toBe(origin);
  expect(resolved.pathname).toBe('/login');
  expect(resolved.searchParams.get('callbackUrl')).toBe(deepLink);
}

/** A sign-in on the login page that sends the visitor back to `deepLink` on `origin`, signed in. */
export function expectBackAtDeepLink(answer: { location: string | null; session: string | undefined }, origin: string, deepLink: string) {
  expect(answer.session).toBeDefined();
  expect(answer.location).not.toMatch(SERVER_ADDRESS);
  expect(resolvedOn(origin)(answer.location).href).toBe(`${origin}${deepLink}`);
}
