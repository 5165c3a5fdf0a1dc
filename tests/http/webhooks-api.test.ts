import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { seedActor, seedApiAccess } from '../support/fixtures';
import { eventually, startReceiver } from '../support/webhook-receiver';

let server: AppServer;
let admin: Actor;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

function call(token: string, method: string, path: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  admin = await seedActor();
  receiver = await startReceiver();
  server = await startAppServer({ KEYGATE_WEBHOOK_ALLOW_PRIVATE: '1' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
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
});
