import { afterAll, beforeAll, describe, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { seedUser } from '../support/fixtures';
import { expectBackAtDeepLink, expectLoginRedirect } from '../support/login-redirect';
import { signInThroughLoginPage } from '../support/sign-in-through-login-page';

const APP_URL = 'http://keys.example.test:1234';
const DEEP_LINK = '/access-management/api-access?q=x';
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ APP_URL });
}, 120_000);
afterAll(() => server?.stop());

describe('redirects without a proxy, reached at APP_URL', () => {
  it('send a signed-out visitor to /login with the deep link as a relative callbackUrl, never naming the server’s own address', async () => {
    expectLoginRedirect(await fetch(`${server.url}${DEEP_LINK}`, { redirect: 'manual' }), APP_URL, DEEP_LINK);
  });

  it('bring the visitor back to the deep link after signing in on the login page', async () => {
    const user = await seedUser();
    const login = new URL((await fetch(`${server.url}${DEEP_LINK}`, { redirect: 'manual' })).headers.get('location')!, APP_URL);
    const answer = await signInThroughLoginPage(server.url, login.pathname + login.search, user, { origin: server.url });
    expectBackAtDeepLink(answer, APP_URL, DEEP_LINK);
  });
});
