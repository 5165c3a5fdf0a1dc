import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs } from '@/db/schema';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { listAuditLog } from '@/lib/audit/queries';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { asOwner } from '../support/as-owner';
import { actorWith, inDays, seedActor, seedApiAccess } from '../support/fixtures';

describe('the audit log', () => {
  it('cannot be changed or deleted by its trigger, even by the owner of the tables (one role doing both: no DATABASE_MIGRATION_URL)', async () => {
    await seedApiAccess();
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLogs);
    await asOwner(async (owner) => {
      await expect(owner`update audit_logs set actor_name = 'someone else'`).rejects.toThrow(/append-only: UPDATE is refused/);
      await expect(owner`delete from audit_logs`).rejects.toThrow(/append-only: DELETE is refused/);
      await expect(owner`truncate audit_logs`).rejects.toThrow(/append-only: TRUNCATE is refused/);
    });
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLogs);
    expect(after!.n).toBe(before!.n);
    // Appending still works.
    await seedApiAccess();
    const [appended] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLogs);
    expect(appended!.n).toBe(before!.n + 1);
  });

  it('records refused actions of users and keys, a flood of them as one entry with its count', async () => {
    const key = await seedApiAccess();
    const reader = await seedActor(['READ_ONLY']);
    for (let i = 0; i < 50; i++) expect((await deleteApiAccess(reader, { id: key.id })).ok).toBe(false);
    await updateApiAccess({ ...reader, kind: 'apiAccess', id: key.id, name: key.apiAccess.name }, { id: key.id, description: 'no' });
    await flushBatchedAudit();
    const refusals = await db.select().from(auditLogs).where(eq(auditLogs.action, 'refused.deleteApiAccess'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({
      actorId: reader.id,
      actorKind: 'user',
      targetId: key.id,
      ip: reader.ip,
      changes: { after: { count: 50 } },
    });
    const [byKey] = await db.select().from(auditLogs).where(eq(auditLogs.action, 'refused.updateApiAccess'));
    expect(byKey).toMatchObject({
      actorKind: 'apiAccess',
      actorId: key.id,
      changes: { after: { count: 1, reason: expect.stringContaining('updateApiAccess') } },
    });
  });

  it('gives a key its own history, newest first, to those who may read the log', async () => {
    const admin = await seedActor();
    const key = await seedApiAccess({ actor: admin });
    await seedApiAccess({ actor: admin });
    await updateApiAccess(admin, { id: key.id, description: 'edited' });
    await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(9) });
    const history = await listAuditLog({ actor: admin, target: { type: 'apiAccess', id: key.id } });
    expect(history.ok && history.data.entries.map((entry) => entry.action)).toEqual([
      'apiAccess.regenerate',
      'apiAccess.update',
      'apiAccess.create',
    ]);
    expect(await listAuditLog({ actor: actorWith('getApiAccess'), target: { type: 'apiAccess', id: key.id } })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});
