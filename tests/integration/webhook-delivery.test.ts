process.env.AUTH_SECRET ??= 'webhook-tests-secret-webhook-tests';
process.env.KEYGATE_WEBHOOK_ALLOW_PRIVATE = '1';

import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import * as schema from '@/db/schema';
import { auditLogs, notificationEmails, users, webhookAttempts, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';
import { resendDelivery } from '@/lib/webhooks/resend-delivery';
import { sendTestEvent } from '@/lib/webhooks/send-test-event';
import { raiseWebhookEvents } from '@/lib/webhooks/raise-event';
import { startDeliveryWorker, type DeliveryWorker } from '@/lib/webhooks/delivery-worker';
import { purgeWebhookDeliveries } from '@/lib/webhooks/purge-deliveries';
import { activeAdmins } from '@/lib/notifications/recipients';
import { seedActor, seedApiAccess } from '../support/fixtures';
import { eventually, startReceiver } from '../support/webhook-receiver';

let admin: Actor;
const workers: DeliveryWorker[] = [];
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  admin = await seedActor();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await Promise.all(closers.splice(0).map((close) => close()));
  // Each test starts with no endpoint: events of one test never reach another's receiver.
  await db.delete(webhookEndpoints);
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const started = await startReceiver(...args);
  closers.push(started.close);
  return started;
}

async function endpoint(url: string, events: string[] = ['*']) {
  const created = await createWebhook(admin, { url, events: events as never });
  if (!created.ok) throw new Error(created.message);
  return created.data;
}

function worker(options: Parameters<typeof startDeliveryWorker>[0] = {}) {
  const started = startDeliveryWorker({ allowPrivate: true, pollMs: 100, ...options });
  workers.push(started);
  return started;
}

const raiseMany = (n: number) =>
  raiseWebhookEvents(
    db,
    Array.from({ length: n }, (_, i) => ({ type: 'api_access.updated' as const, data: { n: i } })),
  );

describe('webhook delivery', () => {
  it('delivers a change to a subscribed endpoint, signed so that standardwebhooks verifies it', async () => {
    const hook = await receiver();
    const { secret } = await endpoint(hook.url, ['api_access.created']);
    worker();
    const key = await seedApiAccess({ actor: admin });
    await eventually(() => hook.received.length === 1, 10_000, 'the delivery');
    const [request] = hook.received;
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>) as {
      type: string;
      data: { apiAccess: { id: string }; actor: { name: string } };
    };
    expect(verified.type).toBe('api_access.created');
    expect(verified.data.apiAccess.id).toBe(key.id);
    expect(verified.data.actor.name).toBe(admin.name);
    expect(request!.body).not.toContain(key.token);
    expect(request!.headers['webhook-id']).toMatch(/^msg_/);
    expect(request!.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
  });

  it('retries a 500 with the same webhook-id, and records both attempts', async () => {
    const hook = await receiver((_, count) => (count === 1 ? 500 : 200));
    const { webhook } = await endpoint(hook.url);
    worker();
    await raiseMany(1);
    await eventually(() => hook.received.length === 1, 10_000, 'the first try');
    await eventually(async () => {
      const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, webhook.id));
      return row?.attempts === 1 && row.leaseId === null;
    });
    const [waiting] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, webhook.id));
    // The first retry comes 5 s later (SPEC §9).
    const wait = waiting!.nextAttemptAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(3_000);
    expect(wait).toBeLessThanOrEqual(5_500);
    await eventually(() => hook.received.length === 2, 10_000, 'the retry');
    expect(hook.received[1]!.headers['webhook-id']).toBe(hook.received[0]!.headers['webhook-id']);
    await eventually(async () => (await db.select().from(webhookDeliveries))[0]?.status === 'delivered');
    const attempts = await db.select().from(webhookAttempts).orderBy(webhookAttempts.at);
    expect(attempts.map((attempt) => [attempt.status, attempt.responseStatus])).toEqual([
      ['failed', 500],
      ['delivered', 200],
    ]);
  });

  it('delivers each event once per endpoint with three instances racing (three pools)', async () => {
    const hook = await receiver();
    const other = await receiver();
    await endpoint(hook.url);
    await endpoint(other.url);
    const pools = [1, 2, 3].map(() => postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} }));
    closers.push(() => Promise.all(pools.map((pool) => pool.end())));
    await raiseMany(60);
    for (const pool of pools) worker({ db: drizzle(pool, { schema }) as unknown as typeof db });
    await eventually(() => hook.received.length >= 60 && other.received.length >= 60, 20_000, '120 deliveries');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const target of [hook, other]) {
      const ids = target.received.map((request) => request.headers['webhook-id']);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    }
    // The same event carries the same webhook-id to both endpoints.
    expect(new Set(hook.received.map((request) => request.headers['webhook-id']))).toEqual(
      new Set(other.received.map((request) => request.headers['webhook-id'])),
    );
  });

  it('keeps delivering to other endpoints while one receiver hangs', async () => {
    const stuck = await receiver(() => 'hang');
    const fine = await receiver();
    await endpoint(stuck.url);
    await endpoint(fine.url);
    worker({ timeoutMs: 3_000 });
    await raiseMany(20);
    await eventually(() => fine.received.length === 20, 2_500, 'the healthy endpoint’s 20 deliveries');
    // The hanging one holds at most 4 of the worker's slots.
    expect(stuck.received.length).toBeLessThanOrEqual(4);
    await eventually(
      async () => (await db.select().from(webhookAttempts)).some((attempt) => attempt.error?.includes('No answer within 3 s')),
      6_000,
    );
  });

  it('signs with both secrets for 24 hours after a rotation', async () => {
    const hook = await receiver();
    const created = await endpoint(hook.url);
    const rotated = await rotateWebhookSecret(admin, { id: created.webhook.id });
    if (!rotated.ok) throw new Error(rotated.message);
    expect(rotated.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.data.secret).not.toBe(created.secret);
    worker();
    await raiseMany(1);
    await eventually(() => hook.received.length === 1);
    const [request] = hook.received;
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [created.secret, rotated.data.secret]) {
      expect(() => new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    }
    // Once the 24 hours are over, only the new secret signs.
    await db.update(webhookEndpoints).set({ previousSecretExpiresAt: sql`now() - interval '1 second'` });
    await raiseMany(1);
    await eventually(() => hook.received.length === 2);
    const later = hook.received[1]!;
    expect(String(later.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(created.secret).verify(later.body, later.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(rotated.data.secret).verify(later.body, later.headers as Record<string, string>)).not.toThrow();
  });

  it('disables an endpoint that answers 410 Gone, with an audit entry, and tries nothing more', async () => {
    const hook = await receiver(() => 410);
    const { webhook } = await endpoint(hook.url);
    worker();
    await raiseMany(1);
    await eventually(async () => (await db.select().from(webhookEndpoints))[0]?.enabled === false, 10_000, 'the endpoint disabled');
    const [row] = await db.select().from(webhookEndpoints);
    expect(row!.disabledReason).toContain('410');
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.action, 'webhook.disabledByReceiver'));
    expect(entries).toMatchObject([{ targetId: webhook.id, actorKind: 'system' }]);
    const [delivery] = await db.select().from(webhookDeliveries);
    expect(delivery!.status).toBe('failed');
    // Events raised while it is disabled are not queued for it.
    expect(await raiseMany(1)).toBe(0);
    expect(hook.received).toHaveLength(1);
    // Its author is told by email, raised with the change (the HTTP test follows one to Resend).
    const emails = await db.select().from(notificationEmails).where(eq(notificationEmails.kind, 'webhook_disabled'));
    // Not the URL's path, which may hold the receiver's secret: that is on the endpoint's page, which the email links to.
    const origin = new URL(hook.url).origin;
    expect(emails).toMatchObject([{ recipientUserId: admin.id, subject: `Webhook endpoint ${origin}/… was disabled` }]);
    expect(emails[0]!.text).toContain('410 Gone');
    expect(emails[0]!.text).not.toContain(hook.url);
    expect(emails[0]!.html).toContain(`/access-management/webhooks/${webhook.id}`);
  });

  it('a 410 that comes after the lease ran out disables nothing and tells no one: the delivery is another worker’s', async () => {
    const hook = await receiver(async () => {
      // Meanwhile another worker took the delivery over.
      await db.update(webhookDeliveries).set({ leaseId: randomUUID() });
      return 410;
    });
    const { webhook } = await endpoint(hook.url);
    await db.delete(notificationEmails);
    worker();
    await raiseMany(1);
    await eventually(async () => (await db.select().from(webhookAttempts)).length === 1, 10_000, 'the attempt');
    const [row] = await db.select().from(webhookEndpoints);
    expect(row!.enabled).toBe(true);
    expect(await db.select().from(notificationEmails)).toEqual([]);
    expect(await db.select().from(auditLogs).where(eq(auditLogs.targetId, webhook.id))).toMatchObject([{ action: 'webhook.create' }]);
    expect((await db.select().from(webhookDeliveries))[0]!.status).toBe('pending');
  });

  it("tells every active ADMIN instead when the endpoint's author is disabled", async () => {
    const author = await seedActor();
    const hook = await receiver(() => 410);
    const created = await createWebhook(author, { url: hook.url, events: ['*'] });
    if (!created.ok) throw new Error(created.message);
    await db.update(users).set({ disabled: true }).where(eq(users.id, author.id));
    await db.delete(notificationEmails);
    worker();
    await raiseMany(1);
    await eventually(async () => (await db.select().from(webhookEndpoints))[0]?.enabled === false, 10_000, 'the endpoint disabled');
    const recipients = (await db.select().from(notificationEmails)).map((email) => email.recipientUserId).sort();
    expect(recipients).toEqual((await activeAdmins(db)).map((admin) => admin.userId).sort());
    expect(recipients).toContain(admin.id);
    expect(recipients).not.toContain(author.id);
  });

  it('sends a test event to the one endpoint, and resends a delivery with the same id', async () => {
    const hook = await receiver();
    const { webhook, secret } = await endpoint(hook.url, ['api_access.leaked']);
    worker();
    const sent = await sendTestEvent(admin, { id: webhook.id });
    if (!sent.ok) throw new Error(sent.message);
    await eventually(() => hook.received.length === 1);
    const body = new Webhook(secret).verify(hook.received[0]!.body, hook.received[0]!.headers as Record<string, string>);
    expect(body).toMatchObject({ type: 'webhook.test', data: { webhook: { id: webhook.id } } });
    await eventually(async () => (await db.select().from(webhookDeliveries))[0]?.status === 'delivered');
    expect(await resendDelivery(admin, { id: webhook.id, deliveryId: sent.data.deliveryId })).toMatchObject({ ok: true });
    await eventually(() => hook.received.length === 2);
    expect(hook.received[1]!.headers['webhook-id']).toBe(sent.data.webhookId);
  });

  it('keeps settled deliveries 30 days, pending ones until they settle', async () => {
    const { webhook } = await endpoint('https://hooks.example.com/keygate');
    await raiseMany(3);
    const rows = await db.select().from(webhookDeliveries);
    await db
      .update(webhookDeliveries)
      .set({ createdAt: sql`now() - interval '31 days'`, status: 'delivered' })
      .where(eq(webhookDeliveries.id, rows[0]!.id));
    await db
      .update(webhookDeliveries)
      .set({ createdAt: sql`now() - interval '31 days'` })
      .where(eq(webhookDeliveries.id, rows[1]!.id));
    expect(await purgeWebhookDeliveries()).toBe(1);
    const left = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, webhook.id));
    expect(left.map((row) => row.id).sort()).toEqual([rows[1]!.id, rows[2]!.id].sort());
  });

  it('raises nothing for a change that rolls back', async () => {
    const hook = await receiver();
    await endpoint(hook.url);
    const first = await seedApiAccess({ actor: admin });
    const second = await seedApiAccess({ actor: admin });
    const before = (await db.select().from(webhookDeliveries)).length;
    // A duplicate name: the update is refused and rolled back, its event with it.
    const refused = await updateApiAccess(admin, { id: second.id, name: first.apiAccess.name });
    expect(refused).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await db.select().from(webhookDeliveries)).toHaveLength(before);
    const done = await updateApiAccess(admin, { id: second.id, enabled: false });
    expect(done.ok).toBe(true);
    const types = (await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.createdAt)).map((row) => row.eventType);
    expect(types).toEqual(['api_access.created', 'api_access.created', 'api_access.disabled']);
  });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});
