export const E2E_PORT = 3100;
export const E2E_ADMIN = { email: 'admin@keygate.test', password: 'e2e admin password' };
