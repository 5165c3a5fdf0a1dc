import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, auditLogs, expiryNotices } from '@/db/schema';
import { listApiAccess, listApiAccessPage } from '@/lib/api-access/queries';
import { listParamsSchema } from '@/lib/api-access/table-params';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { bearerActor } from '@/lib/api/bearer-actor';
import type { Actor } from '@/lib/auth/actor';
import { composeEmails } from '@/lib/notifications/compose-emails';
import { DISABLED_NOTE } from '@/lib/notifications/notice-state';
import { planDueNotices } from '@/lib/notifications/plan-notices';
import { verifyToken } from '@/lib/tokens/verify-token';
import { actorWith, inDays, seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
beforeAll(async () => {
  admin = await seedActor();
});

const asBearer = (token: string) =>
  bearerActor(
    new Request('http://keygate.test/api/v1/roles', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.9' } }),
  );

/** A key expiring in 20 days as if created 60 days ago: inside the 30-day window, its notice check due now. */
async function keyInItsThirtyDayWindow() {
  const key = await seedApiAccess({ actor: admin, expiresAt: inDays(20) });
  await db
    .update(apiAccess)
    .set({ validFrom: inDays(-60), noticeCheckAt: new Date() })
    .where(eq(apiAccess.id, key.id));
  return key;
}

describe('disabling and enabling a key (SPEC §7)', () => {
  it('stops its token at once (DISABLED, 401 on the platform API) and brings it back, keeping everything else', async () => {
    const key = await seedApiAccess({ actor: admin, roleNames: ['READ_ONLY'], tags: ['keep'] });
    expect(await verifyToken({ token: key.token })).toMatchObject({ code: 'VALID' });
    expect((await asBearer(key.token)).ok).toBe(true);

    const disabled = await updateApiAccess(admin, { id: key.id, enabled: false });
    expect(disabled).toMatchObject({
      ok: true,
      data: { enabled: false, status: 'Disabled', tags: ['keep'], roles: [{ name: 'READ_ONLY' }] },
    });
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'DISABLED' });
    expect(await asBearer(key.token)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: 'The API Access is disabled.' });

    expect(await updateApiAccess(admin, { id: key.id, enabled: true })).toMatchObject({
      ok: true,
      data: { enabled: true, status: 'Active' },
    });
    expect(await verifyToken({ token: key.token })).toMatchObject({ code: 'VALID' });
  });

  it('answers EXPIRED before DISABLED, as SPEC §3 orders the checks', async () => {
    const key = await seedApiAccess({ actor: admin });
    await updateApiAccess(admin, { id: key.id, enabled: false });
    expect(await verifyToken({ token: key.token }, Date.now() + 40 * 86_400_000)).toEqual({ valid: false, code: 'EXPIRED' });
  });

  it('writes an audit entry of its own for each, with before and after', async () => {
    const key = await seedApiAccess({ actor: admin });
    await updateApiAccess(admin, { id: key.id, enabled: false });
    await updateApiAccess(admin, { id: key.id, enabled: true });
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.targetId, key.id)).orderBy(desc(auditLogs.id)).limit(2);
    expect(entries.map((entry) => [entry.action, entry.changes])).toEqual([
      ['apiAccess.enable', { before: { enabled: false }, after: { enabled: true } }],
      ['apiAccess.disable', { before: { enabled: true }, after: { enabled: false } }],
    ]);
  });

  it('shows as Disabled in the table’s and the REST list’s Status filter, and not as Active', async () => {
    const tag = `disabled-${Date.now()}`;
    const off = await seedApiAccess({ actor: admin, tags: [tag] });
    const on = await seedApiAccess({ actor: admin, tags: [tag] });
    await updateApiAccess(admin, { id: off.id, enabled: false });
    const table = async (status: string) => {
      const page = await listApiAccess({ actor: admin, params: listParamsSchema.parse({ tag, status }) });
      return page.ok ? page.data.items.map((item) => item.id) : page;
    };
    expect(await table('Disabled')).toEqual([off.id]);
    expect(await table('Active')).toEqual([on.id]);
    expect(await table('ExpiringSoon')).toEqual([]);
    const rest = await listApiAccessPage({ actor: admin, filters: { tag, status: 'Disabled' }, limit: 10 });
    expect(rest.ok && rest.data.items.map((item) => [item.id, item.status])).toEqual([[off.id, 'Disabled']]);
  });

  it('gets no expiry notices while disabled, and its current window’s once enabled again', async () => {
    const key = await keyInItsThirtyDayWindow();
    await updateApiAccess(admin, { id: key.id, enabled: false });
    await planDueNotices(new Date());
    const notices = () => db.select().from(expiryNotices).where(eq(expiryNotices.apiAccessId, key.id));
    expect(await notices()).toEqual([]);
    await updateApiAccess(admin, { id: key.id, enabled: true });
    await planDueNotices(new Date());
    expect((await notices()).map((notice) => notice.threshold)).toEqual(['30d']);
  });

  it('cancels a notice planned before the key was disabled, saying why, instead of emailing it', async () => {
    const key = await keyInItsThirtyDayWindow();
    await planDueNotices(new Date());
    await updateApiAccess(admin, { id: key.id, enabled: false });
    await composeEmails(new Date());
    expect(
      await db
        .select({ status: expiryNotices.status, note: expiryNotices.note })
        .from(expiryNotices)
        .where(eq(expiryNotices.apiAccessId, key.id)),
    ).toEqual([{ status: 'cancelled', note: DISABLED_NOTE }]);
  });

  it('needs updateApiAccess and the key within reach, and refuses anything but true or false, changing nothing', async () => {
    const key = await seedApiAccess({ actor: admin, name: `team-a-${Date.now()}` });
    expect(await updateApiAccess(actorWith('getApiAccess'), { id: key.id, enabled: false })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const teamB = actorWith({ permission: 'updateApiAccess', accessNamePattern: 'team-b-.*' });
    expect(await updateApiAccess(teamB, { id: key.id, enabled: false })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await updateApiAccess.fromRequestBody(admin, { id: key.id, enabled: 'no' })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fieldErrors: { enabled: ['enabled is true or false.'] },
    });
    const [row] = await db
      .select({ enabled: apiAccess.enabled })
      .from(apiAccess)
      .where(and(eq(apiAccess.id, key.id)));
    expect(row!.enabled).toBe(true);
  });
});
