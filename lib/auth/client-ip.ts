/**
 * The client's IP. Keygate's own server (server/start.ts) overwrites
 * X-Forwarded-For with the socket address unless TRUST_PROXY is set, so a
 * client cannot choose the IP it is throttled and audited under.
 */
export function clientIpFrom(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
