import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '@/lib/tokens/token';
import { type AppServer, startAppServer } from '../support/app-server';
import { seedApiAccess, seedUser } from '../support/fixtures';
import { signInOverHttp } from '../support/sign-in-over-http';
import { startTcpProxy } from '../support/tcp-proxy';

let server: AppServer;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let valid: { token: string };
let user: { email: string; password: string };

beforeAll(async () => {
  // This file's own database, reached only through a relay the test can cut.
  const direct = new URL(process.env.DATABASE_URL!);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const relayed = new URL(direct);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(proxy.port);
  valid = await seedApiAccess({ roleNames: ['READ_ONLY'] });
  user = await seedUser();
  server = await startAppServer({ DATABASE_URL: relayed.toString(), KEYGATE_FAST_VERIFY: '0' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await proxy?.stop();
});

const verify = (token: string) => fetch(`${server.url}/api/v1/tokens/verify`, { method: 'POST', body: JSON.stringify({ token }) });
const list = (token: string) => fetch(`${server.url}/api/v1/api-access`, { headers: { authorization: `Bearer ${token}` } });

const signIn = (email: string, password: string) => signInOverHttp(server.url, email, password);

describe('with PostgreSQL unreachable', () => {
  it('answers 503 problem+json (never VALID from nothing), shows pages an error page, says sign-in is unavailable, and recovers without a restart', async () => {
    const session = await signIn(user.email, user.password);
    expect(session).toMatch(/session-token=/);
    expect(await (await verify(valid.token)).json()).toMatchObject({ valid: true });

    await proxy.cut();
    // A key verified a moment ago keeps verifying from the cache (nothing can be revoked while the database is away).
    expect(await (await verify(valid.token)).json()).toMatchObject({ valid: true });
    const unknown = generateToken();
    for (const response of [await verify(unknown), await list(unknown)]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const page = await fetch(`${server.url}/access-management/api-access`, { headers: { cookie: session } });
    // Next answers 500 with its error shell; the browser then shows app/error.tsx. Nothing of the cause leaks.
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toContain('__next_error__');
    expect(html).not.toMatch(/ECONNREFUSED|postgres|5432|at [A-Za-z]+ \(/);
    expect(await signIn(user.email, user.password)).toBe('unavailable');
    // The probes: alive, not ready.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toContain('application/problem+json');

    await proxy.restore();
    await expect.poll(async () => (await verify(unknown)).status, { timeout: 15_000 }).toBe(200);
    expect(await (await verify(unknown)).json()).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect((await list(valid.token)).status).toBe(200);
    const back = await fetch(`${server.url}/access-management/api-access`, { headers: { cookie: session } });
    expect(back.status).toBe(200);
    expect(await signIn(user.email, user.password)).toMatch(/session-token=/);
    expect(await (await fetch(`${server.url}/api/ready`)).json()).toEqual({ ready: true });
  }, 90_000);
});
