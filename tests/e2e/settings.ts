export const E2E_PORT = 3100;
/**
 * Where the tests' browser reaches Keygate, and its APP_URL: a host name, not 127.0.0.1, because
 * a passkey's relying party is APP_URL's host name and WebAuthn refuses an IP address there. The
 * server still listens on 127.0.0.1 only.
 */
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;
export const E2E_ADMIN = { email: 'admin@keygate.test', password: 'e2e admin password' };
export const E2E_DATA_DIR = '.data/e2e';
export const E2E_CRON_SECRET = 'e2e-cron-secret';
/** The run's OpenID Connect provider (tests/support/oidc-provider.ts), started by serve.ts; the sign-in page names it. */
export const E2E_OIDC = { port: 3101, name: 'Test IdP' };
