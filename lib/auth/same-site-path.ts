// Stands for "this site" when no origin is given: never a real host, so nothing else can match it.
const THIS_SITE = 'http://keygate.invalid';

/**
 * Where to send someone after sign-in or sign-out, as a path on this site (`/a/b?c#d`), or `/`
 * for anything that would leave it (`//evil.example`, `/\evil.example`, `javascript:`, another
 * origin). Relative, so the browser resolves it against the address it used, whatever host or
 * proxy stands in between. `origin` is the one an absolute URL may name (next-auth's `baseUrl`).
 */
export function sameSitePath(candidate: string, origin: string = THIS_SITE): string {
  let url: URL;
  try {
    url = new URL(candidate, origin);
  } catch {
    return '/';
  }
  return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}
