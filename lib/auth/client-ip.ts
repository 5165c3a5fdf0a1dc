/**
 * The address the nearest proxy saw: the right-most X-Forwarded-For hop (every hop left of it
 * was written by someone we cannot trust). Undefined when there is none.
 */
export function nearestForwardedHop(header: string | string[] | null | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  const hops = value
    ?.split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops?.at(-1);
}

/**
 * The client's IP. Keygate's own server (server/start.ts) sets X-Forwarded-For to one address:
 * the socket's, or with TRUST_PROXY=1 the nearest proxy's hop, so a client cannot choose the IP
 * it is throttled and audited under.
 */
export function clientIpFrom(headers: Headers): string {
  return nearestForwardedHop(headers.get('x-forwarded-for')) || headers.get('x-real-ip') || 'unknown';
}
