import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { confirmTotpEnrolment } from '@/lib/two-factor/confirm-enrolment';
import type { Self } from '@/lib/two-factor/self';
import { startTotpEnrolment } from '@/lib/two-factor/start-enrolment';
import { twoFactorStatus } from '@/lib/two-factor/store';
import { type AppServer, startAppServer } from '../support/app-server';
import { seedUser } from '../support/fixtures';
import { signInOverHttp } from '../support/sign-in-over-http';

// The app server's own (tests/support/app-server.ts): the secrets sealed here open there.
const AUTH_SECRET = 'http-tests-secret-http-tests-secret';
let server: AppServer;

beforeAll(async () => {
  process.env.AUTH_SECRET = AUTH_SECRET;
  server = await startAppServer({ KEYGATE_TWO_FACTOR: 'required' });
}, 120_000);
afterAll(() => server?.stop());

const page = (path: string, cookie: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } });

async function userWithTwoFactor() {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const actor = (await loadUserActor(user.id, '127.0.0.1')) as Self;
  await startTotpEnrolment(actor);
  const secret = (await twoFactorStatus(user.id)).pendingSecret!;
  const confirmed = await confirmTotpEnrolment(actor, { code: TOTP.generate({ secret: Secret.fromBase32(secret) }) }, undefined);
  if (!confirmed.ok) throw new Error(confirmed.message);
  return user;
}

describe('KEYGATE_TWO_FACTOR=required', () => {
  it('sends a signed-in user without two-factor to set it up before any other page', async () => {
    const user = await seedUser({ roleNames: ['READ_ONLY'] });
    const cookie = await signInOverHttp(server.url, user.email, user.password);
    for (const path of ['/', '/access-management/api-access', '/account']) {
      const response = await page(path, cookie);
      expect(response.status, path).toBe(307);
      expect(new URL(response.headers.get('location')!, server.url).pathname, path).toBe('/two-factor');
    }
    const setup = await page('/two-factor', cookie);
    expect(setup.status).toBe(200);
    const html = await setup.text();
    expect(html).toContain('Keygate requires two-factor authentication');
    expect(html).toContain('Set up authenticator app');
  });
});

describe('a password without the code', () => {
  it('reaches no page: a server-rendered page fetched directly sends it to the code step', async () => {
    const user = await userWithTwoFactor();
    const pending = await signInOverHttp(server.url, user.email, user.password);
    expect(pending).toContain('session-token=');
    for (const path of ['/account', '/access-management/users', '/two-factor']) {
      const response = await page(path, pending);
      expect(response.status, path).toBe(307);
      expect(new URL(response.headers.get('location')!, server.url).pathname, path).toBe('/login/two-factor');
    }
    const codeStep = await page('/login/two-factor', pending);
    expect(codeStep.status).toBe(200);
    expect(await codeStep.text()).toContain('Authentication code');
    // Without a pending session the code step is only a way back to the password.
    expect((await fetch(`${server.url}/login/two-factor`, { redirect: 'manual' })).status).toBe(307);
  });

  it('cannot be completed by posting to the server-only second-factor provider', async () => {
    const user = await userWithTwoFactor();
    const csrf = await fetch(`${server.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const now = Math.floor(Date.now() / 1000);
    const response = await fetch(`${server.url}/api/auth/callback/second-factor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ userId: user.id, proof: `${now}.forged-signature`, csrfToken, callbackUrl: '/' }),
    });
    expect(response.headers.getSetCookie().some((line) => line.includes('session-token='))).toBe(false);
  });
});
