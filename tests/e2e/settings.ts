export const E2E_PORT = 3100;
export const E2E_ADMIN = { email: 'admin@keygate.test', password: 'e2e admin password' };
export const E2E_DATA_DIR = '.data/e2e';
export const E2E_CRON_SECRET = 'e2e-cron-secret';
/** The run's OpenID Connect provider (tests/support/oidc-provider.ts), started by serve.ts; the sign-in page names it. */
export const E2E_OIDC = { port: 3101, name: 'Test IdP' };
