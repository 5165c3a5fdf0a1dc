process.env.AUTH_SECRET ??= 'webhook-tests-secret-webhook-tests';

import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, webhookDeliveries } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { bulkDeleteApiAccess } from '@/lib/api-access/delete-api-access';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { planDueNotices } from '@/lib/notifications/plan-notices';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { updateWebhook } from '@/lib/webhooks/update-webhook';
import { actorWith, inDays, seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
let endpointId: string;

const events = async () =>
  (await db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))).map(
    (row) => JSON.parse(row.payload) as { type: string; timestamp: string; data: Record<string, unknown> },
  );

beforeAll(async () => {
  admin = await seedActor();
  const created = await createWebhook(admin, { url: 'https://hooks.example.com/keygate', events: ['*'] });
  if (!created.ok) throw new Error(created.message);
  endpointId = created.data.webhook.id;
});

describe('api_access events (SPEC §9)', () => {
  it('raises one event per change, carrying the key as ApiAccess and the actor, never a token', async () => {
    await db.delete(webhookDeliveries);
    const key = await seedApiAccess({ actor: admin });
    await updateApiAccess(admin, { id: key.id, description: 'changed' });
    await updateApiAccess(admin, { id: key.id, enabled: false });
    await updateApiAccess(admin, { id: key.id, enabled: true });
    const regenerated = await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(60) });
    const other = await seedApiAccess({ actor: admin });
    await bulkDeleteApiAccess(admin, { ids: [key.id, other.id] });
    const raised = await events();
    expect(raised.map((event) => event.type)).toEqual([
      'api_access.created',
      'api_access.updated',
      'api_access.disabled',
      'api_access.enabled',
      'api_access.regenerated',
      'api_access.created',
      'api_access.deleted',
      'api_access.deleted',
    ]);
    expect(raised[1]).toMatchObject({
      data: { apiAccess: { id: key.id, description: 'changed' }, actor: { kind: 'user', id: admin.id, name: admin.name } },
    });
    expect(new Date(raised[0]!.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const everything = JSON.stringify(raised);
    expect(everything).not.toContain(key.token);
    expect(everything).not.toContain(regenerated.ok ? regenerated.data.token : 'unreachable');
    expect(everything).not.toContain('grants');
  });

  it('raises nothing for a refused change, and nothing for a disabled or unsubscribed endpoint', async () => {
    await db.delete(webhookDeliveries);
    const key = await seedApiAccess({ actor: admin });
    await db.delete(webhookDeliveries);
    expect(await updateApiAccess(actorWith('getApiAccess'), { id: key.id, enabled: false })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await events()).toEqual([]);
    await updateWebhook(admin, { id: endpointId, events: ['api_access.deleted'] });
    await updateApiAccess(admin, { id: key.id, description: 'unsubscribed' });
    await updateWebhook(admin, { id: endpointId, enabled: false, events: ['*'] });
    await updateApiAccess(admin, { id: key.id, description: 'disabled endpoint' });
    expect(await events()).toEqual([]);
    await updateWebhook(admin, { id: endpointId, enabled: true });
  });

  it('raises api_access.expiring with its threshold and api_access.expired from the expiry job, once', async () => {
    const expiring = await seedApiAccess({ actor: admin, expiresAt: inDays(100) });
    const expired = await seedApiAccess({ actor: admin, expiresAt: inDays(100) });
    await db.delete(webhookDeliveries);
    await db
      .update(apiAccess)
      .set({
        validFrom: sql`now() - interval '100 days'`,
        expiresAt: sql`now() + interval '20 days'`,
        noticeCheckAt: sql`now() - interval '1 minute'`,
      })
      .where(eq(apiAccess.id, expiring.id));
    await db
      .update(apiAccess)
      .set({
        validFrom: sql`now() - interval '100 days'`,
        expiresAt: sql`now() - interval '1 hour'`,
        noticeCheckAt: sql`now() - interval '1 minute'`,
      })
      .where(eq(apiAccess.id, expired.id));
    await planDueNotices(new Date());
    await planDueNotices(new Date());
    const raised = await events();
    expect(raised).toHaveLength(2);
    expect(raised).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'api_access.expiring',
          data: expect.objectContaining({
            threshold: '30d',
            apiAccess: expect.objectContaining({ id: expiring.id }),
            actor: expect.objectContaining({ kind: 'system' }),
          }),
        }),
        expect.objectContaining({
          type: 'api_access.expired',
          data: expect.objectContaining({ apiAccess: expect.objectContaining({ id: expired.id }) }),
        }),
      ]),
    );
  });
});
