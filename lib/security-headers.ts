/** Sent with every response, pages and API alike (next.config.ts and the fast path). */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers that predate CSP's frame-ancestors.
  'x-frame-options': 'DENY',
} as const;

/** Over https only: browsers then refuse plain http to this host for a year. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The pages' policy: scripts only with this response's nonce ('strict-dynamic' lets Next's own
 * chunks load), nothing framed, forms posted only here. Development adds 'unsafe-eval' for
 * React's debugging tools.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}
