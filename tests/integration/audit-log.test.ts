import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, getSql } from '@/db/client';
import { auditLogs } from '@/db/schema';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { listAuditLog } from '@/lib/audit/queries';
import { actorWith, inDays, seedActor, seedApiAccess } from '../support/fixtures';

describe('the audit log', () => {
  it('cannot be changed or deleted, even by SQL run as the app’s own database role', async () => {
    await seedApiAccess();
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLogs);
    const raw = getSql();
    await expect(raw`update audit_logs set actor_name = 'someone else'`).rejects.toThrow(/append-only: UPDATE is refused/);
    await expect(raw`delete from audit_logs`).rejects.toThrow(/append-only: DELETE is refused/);
    await expect(raw`truncate audit_logs`).rejects.toThrow(/append-only: TRUNCATE is refused/);
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLogs);
    expect(after!.n).toBe(before!.n);
    // Appending still works.
    await seedApiAccess();
    const [appended] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLogs);
    expect(appended!.n).toBe(before!.n + 1);
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
