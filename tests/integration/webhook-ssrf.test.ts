process.env.AUTH_SECRET ??= 'webhook-tests-secret-webhook-tests';

import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { safePost, type Resolve } from '@/lib/webhooks/safe-post';
import { seedActor } from '../support/fixtures';
import { startReceiver } from '../support/webhook-receiver';

const post = (url: string, resolve?: Resolve) =>
  safePost(url, {
    headers: {},
    body: '{}',
    allowPrivate: false,
    resolve: resolve ?? (() => Promise.reject(new Error('no DNS in this test'))),
  });
const resolvesTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const closers: (() => Promise<unknown>)[] = [];
afterAll(() => Promise.all(closers.map((close) => close())));

describe('webhook URLs and addresses (SSRF)', () => {
  it.each([
    ['loopback', 'https://127.0.0.1/hook'],
    ['private', 'https://10.0.0.8/hook'],
    ['private 192.168', 'https://192.168.1.1/hook'],
    ['link-local (cloud metadata)', 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'https://[::1]/hook'],
    ['IPv6 unique-local', 'https://[fc00::1]/hook'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
    ['unspecified', 'https://0.0.0.0/hook'],
    ['localhost', 'https://localhost/hook'],
    ['http', 'http://hooks.example.com/hook'],
  ])('refuses %s before connecting', async (_, url) => {
    const outcome = await post(url);
    expect(outcome.kind).toBe('failed');
    expect(outcome).toMatchObject({ error: expect.stringMatching(/public address|https:\/\//) });
  });

  it.each([['127.0.0.1'], ['10.1.2.3'], ['169.254.169.254'], ['::1'], ['fd00::5'], ['100.64.0.1']])(
    'refuses a name that resolves to %s',
    async (address) => {
      const outcome = await post('https://hooks.example.com/hook', resolvesTo(address));
      expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining('not a public address') });
    },
  );

  it('refuses a name with one private address among public ones', async () => {
    const outcome = await post('https://hooks.example.com/hook', resolvesTo('93.184.216.34', '127.0.0.1'));
    expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining('127.0.0.1') });
  });

  it('connects to the address it checked (a resolver is asked once)', async () => {
    const hook = await startReceiver();
    closers.push(hook.close);
    let asked = 0;
    const port = new URL(hook.url).port;
    const outcome = await safePost(`http://receiver.test:${port}/hook`, {
      headers: {},
      body: '{}',
      allowPrivate: true,
      resolve: async () => {
        asked++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(outcome).toMatchObject({ kind: 'answered', status: 204 });
    expect(asked).toBe(1);
    expect(hook.received[0]!.headers.host).toBe(`receiver.test:${port}`);
  });

  it('does not follow a redirect to a private address', async () => {
    const inside = await startReceiver();
    const redirecting = await startReceiver(() => ({ status: 302, headers: { location: inside.url } }));
    closers.push(inside.close, redirecting.close);
    const outcome = await safePost(redirecting.url, { headers: {}, body: '{}', allowPrivate: true });
    expect(outcome).toMatchObject({ kind: 'answered', status: 302 });
    expect(inside.received).toHaveLength(0);
  });

  it('refuses to save an endpoint whose URL is not https or not public, writing nothing', async () => {
    const admin = await seedActor();
    for (const url of ['http://hooks.example.com/', 'https://127.0.0.1/', 'https://[::1]/', 'https://localhost/x', 'not a url']) {
      const result = await createWebhook(admin, { url, events: ['*'] });
      expect(result).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { url: [expect.any(String)] } });
    }
    const [row] = await db.select({ n: count() }).from(webhookEndpoints);
    expect(row!.n).toBe(0);
  });
});
