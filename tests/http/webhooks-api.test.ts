import { and, count, eq, inArray } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { raiseWebhookEvents } from '@/lib/webhooks/raise-event';
import type { WebhookEventType } from '@/lib/webhooks/event-types';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { startFakeResend } from '../support/fake-resend';
import { seedApiAccess } from '../support/fixtures';
import { seedUser } from '../support/seed-user';
import { signInOverHttp } from '../support/sign-in-over-http';
import { eventually, startReceiver } from '../support/webhook-receiver';

let server: AppServer;
let admin: Actor;
let adminUser: Awaited<ReturnType<typeof seedUser>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let resend: Awaited<ReturnType<typeof startFakeResend>>;

function call(token: string, method: string, path: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  adminUser = await seedUser();
  admin = (await loadUserActor(adminUser.id, '203.0.113.7'))!;
  receiver = await startReceiver();
  resend = await startFakeResend();
  server = await startAppServer({
    KEYGATE_WEBHOOK_ALLOW_PRIVATE: '1',
    RESEND_API_KEY: 're_webhooks_test',
    RESEND_BASE_URL: resend.url,
    APP_URL: 'https://keygate.example.com',
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  await resend?.close();
});

describe('/api/v1/webhooks (SPEC §9)', () => {
  it('manages an endpoint with the permissions of §1; the secret is answered once, with no-store', async () => {
    const { token } = await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] });
    const created = await call(token, 'POST', '/api/v1/webhooks', {
      url: receiver.url,
      events: ['api_access.created'],
      description: 'ops',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const body = (await expectContract('POST', '/api/v1/webhooks', created)) as { id: string; secret: string };
    expect(body).toMatchObject({ url: receiver.url, events: ['api_access.created'], enabled: true, description: 'ops' });
    expect(body.secret).toMatch(/^whsec_/);
    const path = `/api/v1/webhooks/${body.id}`;

    const listed = (await expectContract('GET', '/api/v1/webhooks', await call(token, 'GET', '/api/v1/webhooks'))) as { data: unknown[] };
    expect(listed.data).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
    expect(await expectContract('GET', '/api/v1/webhooks/{id}', await call(token, 'GET', path))).toMatchObject({ id: body.id });

    // A key created through the API raises api_access.created, delivered and signed.
    await seedApiAccess({ actor: admin });
    await eventually(() => receiver.received.length === 1, 10_000, 'the event');
    const first = receiver.received[0]!;
    expect(new Webhook(body.secret).verify(first.body, first.headers as Record<string, string>)).toMatchObject({
      type: 'api_access.created',
    });

    const patched = await call(token, 'PATCH', path, { events: ['*'], description: 'all' });
    expect(await expectContract('PATCH', '/api/v1/webhooks/{id}', patched)).toMatchObject({ events: ['*'], description: 'all' });
    const refused = await call(token, 'PATCH', path, { url: 'ftp://example.com' });
    expect(refused.status).toBe(400);

    // Rotate and test take no body.
    const rotated = await call(token, 'POST', `${path}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const { secret } = (await expectContract('POST', '/api/v1/webhooks/{id}/rotate-secret', rotated)) as { secret: string };
    const tested = await call(token, 'POST', `${path}/test`);
    expect(tested.status).toBe(202);
    await expectContract('POST', '/api/v1/webhooks/{id}/test', tested);
    await eventually(() => receiver.received.length === 2, 10_000, 'the test event');
    const second = receiver.received[1]!;
    for (const key of [body.secret, secret])
      expect(() => new Webhook(key).verify(second.body, second.headers as Record<string, string>)).not.toThrow();

    await eventually(async () => {
      const page = (await (await call(token, 'GET', `${path}/deliveries`)).json()) as { data: { status: string }[] };
      return page.data.every((delivery) => delivery.status === 'delivered');
    });
    const deliveries = (await expectContract(
      'GET',
      '/api/v1/webhooks/{id}/deliveries',
      await call(token, 'GET', `${path}/deliveries`),
    )) as {
      data: { type: string; attempts: { responseStatus: number }[] }[];
    };
    expect(deliveries.data.map((delivery) => delivery.type)).toEqual(['webhook.test', 'api_access.created']);
    expect(deliveries.data[0]!.attempts).toMatchObject([{ responseStatus: 204 }]);

    const deleted = await call(token, 'DELETE', path);
    expect(deleted.status).toBe(204);
    expect((await call(token, 'GET', path)).status).toBe(404);
    expect((await call(token, 'GET', '/api/v1/webhooks/not-a-uuid')).status).toBe(404);
  });

  it('lets READ_ONLY see endpoints and deliveries but change nothing', async () => {
    const { token } = await seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'] });
    expect((await call(token, 'GET', '/api/v1/webhooks')).status).toBe(200);
    const refused = await call(token, 'POST', '/api/v1/webhooks', { url: receiver.url, events: ['*'] });
    expect(refused.status).toBe(403);
    await expectContract('POST', '/api/v1/webhooks', refused);
  });

  it('disables an endpoint whose receiver answers 410 and emails its author once, with the URL shortened and a link to the endpoint', async () => {
    const gone = await startReceiver(() => 410);
    try {
      const { token } = await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] });
      const created = (await (await call(token, 'POST', '/api/v1/webhooks', { url: gone.url, events: ['api_access.deleted'] })).json()) as {
        id: string;
      };
      expect((await call(token, 'POST', `/api/v1/webhooks/${created.id}/test`)).status).toBe(202);
      await eventually(
        async () => {
          const webhook = (await (await call(token, 'GET', `/api/v1/webhooks/${created.id}`)).json()) as { enabled: boolean };
          return !webhook.enabled;
        },
        10_000,
        'the endpoint disabled',
      );
      await eventually(() => resend.delivered().length > 0, 10_000, 'the email');
      // Nothing more follows: one email, to the endpoint's author (the user behind the key that created it), not to every admin.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const emails = resend.delivered();
      expect(emails).toHaveLength(1);
      const [email] = emails;
      expect([email!.to].flat()).toEqual([adminUser.email]);
      // The URL shortened (its path may hold the receiver's secret); the whole of it is on the endpoint's page.
      expect(email!.subject).toBe(`Webhook endpoint ${new URL(gone.url).origin}/… was disabled`);
      expect(email!.text).not.toContain(gone.url);
      expect(email!.text).toContain('410 Gone');
      expect(email!.html).toContain(`https://keygate.example.com/access-management/webhooks/${created.id}`);
      expect(gone.received).toHaveLength(1);
    } finally {
      await gone.close();
    }
  });

  it('keeps verification, the pages and the REST API answering while a slow receiver holds a flood of deliveries', async () => {
    // The receiver holds every request until it is let go (less than the 15 s timeout).
    let letGo!: () => void;
    const held = new Promise<number>((resolve) => (letGo = () => resolve(204)));
    const slow = await startReceiver(() => held);
    const types: WebhookEventType[] = [
      'api_access.created',
      'api_access.updated',
      'api_access.disabled',
      'api_access.enabled',
      'api_access.regenerated',
    ];
    const { token } = await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] });
    // Keys no cache has seen yet (made before the endpoints, so they raise nothing for them): their verifications look them up.
    const fresh = await Promise.all(Array.from({ length: 5 }, () => seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'] })));
    // Signed in first: the password check's work stays out of the time the receiver holds its requests (15 s at most).
    const cookie = await signInOverHttp(server.url, adminUser.email, adminUser.password);
    const ids: string[] = [];
    try {
      // Five endpoints on the one receiver, one event type each: 5 × 4 per-endpoint slots exceed the worker's 16.
      for (const type of types) {
        const created = await call(token, 'POST', '/api/v1/webhooks', { url: `${slow.url}?for=${type}`, events: [type] });
        ids.push(((await created.json()) as { id: string }).id);
      }
      const events = Array.from({ length: 300 }, (_, i) => ({ type: types[i % types.length]!, data: { n: i } }));
      expect(await raiseWebhookEvents(db, events)).toBe(300);
      await eventually(() => slow.open === 16, 10_000, 'the worker to fill its slots');

      const verify = (key: { token: string }) =>
        fetch(`${server.url}/api/v1/tokens/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: key.token, permission: 'getWebhook' }),
        }).then(async (response) => ((await response.json()) as { code: string }).code);
      const [codes, page, list] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, (_, i) => verify(fresh[i % fresh.length]!))),
        fetch(`${server.url}/access-management/webhooks`, { headers: { cookie } }),
        call(token, 'GET', '/api/v1/webhooks'),
      ]);
      expect(codes).toEqual(Array(20).fill('VALID'));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`${slow.url}?for=api_access.created`);
      const listed = (await expectContract('GET', '/api/v1/webhooks', list)) as { data: { id: string }[] };
      expect(listed.data.map((webhook) => webhook.id)).toEqual(expect.arrayContaining(ids));
      // Those answers came while every delivery slot was still held, and the worker kept to its bounds.
      expect(slow.open).toBe(16);
      expect(slow.maxOpen).toBe(16);
      expect(Math.max(...slow.maxOpenByPath.values())).toBeLessThanOrEqual(4);

      letGo();
      const delivered = async () =>
        (
          await db
            .select({ n: count() })
            .from(webhookDeliveries)
            .where(and(inArray(webhookDeliveries.endpointId, ids), eq(webhookDeliveries.status, 'delivered')))
        )[0]!.n;
      await eventually(async () => (await delivered()) === 300, 30_000, 'every delivery');
      expect(new Set(slow.received.map((entry) => entry.headers['webhook-id'])).size).toBe(300);
    } finally {
      letGo();
      await db.delete(webhookEndpoints).where(inArray(webhookEndpoints.id, ids));
      await slow.close();
    }
  }, 60_000);
});
