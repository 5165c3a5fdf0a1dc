import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startAppServer } from '../support/app-server';
import { seedUser } from '../support/fixtures';
import { signInThroughLoginPage } from '../support/sign-in-through-login-page';

const APP_URL = 'http://keys.example.test:1234';
const DEEP_LINK = '/access-management/api-access?q=x';
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ APP_URL });
}, 120_000);
afterAll(() => server?.stop());

/** A Location as the browser resolves it: a relative one stays on the address it asked. */
const resolved = (location: string | null) => new URL(location ?? '', APP_URL);

describe('redirects without a proxy, reached at APP_URL', () => {
  it('send a signed-out visitor to /login with the deep link as a relative callbackUrl, never naming the server’s own address', async () => {
    const response = await fetch(`${server.url}${DEEP_LINK}`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    const location = response.headers.get('location') ?? '';
    expect(location).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(resolved(location).origin).toBe(APP_URL);
    expect(resolved(location).pathname).toBe('/login');
    expect(resolved(location).searchParams.get('callbackUrl')).toBe(DEEP_LINK);
  });

  it('bring the visitor back to the deep link after signing in on the login page', async () => {
    const user = await seedUser();
    const login = new URL((await fetch(`${server.url}${DEEP_LINK}`, { redirect: 'manual' })).headers.get('location')!, APP_URL);
    const answer = await signInThroughLoginPage(server.url, login.pathname + login.search, user, { origin: server.url });
    expect(answer.session).toBeDefined();
    expect(answer.location).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(resolved(answer.location).href).toBe(`${APP_URL}${DEEP_LINK}`);
  });
});
