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
 * Everything under /api/: JSON, and the few HTML pages next-auth renders itself (sign-out, error,
 * verify-request) or a 404. None needs a script, a style sheet of ours or a nonce, so nothing is
 * allowed but posting a form here (next-auth's sign-out page) and next-auth's inline style is
 * dropped: those pages show unstyled, and stay unframable.
 */
export const API_CONTENT_SECURITY_POLICY = `default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

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
