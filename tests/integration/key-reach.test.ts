import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess } from '@/db/schema';
import { bulkDeleteApiAccess, deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import type { Actor } from '@/lib/auth/actor';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { createRole } from '@/lib/roles/create-role';
import { actorWith, inDays, seedActor, seedApiAccess, seedRole, seedUser } from '../support/fixtures';
import { getApiAccess, listApiAccess, listApiAccessPage } from '@/lib/api-access/queries';
import { listParamsSchema } from '@/lib/api-access/table-params';

let admin: Actor;

/** A real user holding READ_ONLY plus a role with exactly these grants. */
async function userWith(grants: Parameters<typeof seedRole>[0]['grants']): Promise<Actor> {
  const role = await seedRole({ actor: admin, grants });
  const user = await seedUser({ roleNames: ['READ_ONLY', role.name] });
  return (await loadUserActor(user.id, '203.0.113.7'))!;
}

const exists = async (ids: string[]) => (await db.select({ id: apiAccess.id }).from(apiAccess).where(inArray(apiAccess.id, ids))).length;

beforeAll(async () => {
  admin = await seedActor();
});

describe('keys stronger than the actor', () => {
  it('cannot be edited, regenerated or deleted (bulk included) by someone lacking a grant of their roles', async () => {
    const actor = await userWith([
      { permission: 'updateApiAccess' },
      { permission: 'regenerateApiAccess' },
      { permission: 'deleteApiAccess' },
    ]);
    const strong = await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] });
    const plain = await seedApiAccess({ actor: admin });
    const refusal = { ok: false, code: 'FORBIDDEN', message: expect.stringContaining('its role ADMIN grants') };
    expect(await updateApiAccess(actor, { id: strong.id, description: 'disarmed' })).toMatchObject(refusal);
    expect(await regenerateApiAccess(actor, { id: strong.id, expiresAt: inDays(5) })).toMatchObject(refusal);
    expect(await deleteApiAccess(actor, { id: strong.id })).toMatchObject(refusal);
    expect(await bulkDeleteApiAccess(actor, { ids: [plain.id, strong.id] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringMatching(new RegExp(`${strong.apiAccess.name}.*Nothing was deleted`)),
    });
    expect(await exists([plain.id, strong.id])).toBe(2);
    const [row] = await db.select({ description: apiAccess.description }).from(apiAccess).where(eq(apiAccess.id, strong.id));
    expect(row!.description).toBe('');
    // A key without roles, or with roles the actor fully holds, is theirs to act on.
    expect((await updateApiAccess(actor, { id: plain.id, description: 'fine' })).ok).toBe(true);
    expect((await deleteApiAccess(actor, { id: plain.id })).ok).toBe(true);
  });
});

describe('team scoping', () => {
  it('reaches only the keys whose name fully matches the grant’s pattern, for edit, regenerate and delete', async () => {
    const teamA = await userWith([
      { permission: 'updateApiAccess', accessNamePattern: 'team-a-.*' },
      { permission: 'regenerateApiAccess', accessNamePattern: 'team-a-.*' },
      { permission: 'deleteApiAccess', accessNamePattern: 'team-a-.*' },
    ]);
    const ours = await seedApiAccess({ actor: admin, name: `team-a-${Date.now()}` });
    const theirs = await seedApiAccess({ actor: admin, name: `team-b-${Date.now()}` });
    const outOfReach = {
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringContaining('reaches only keys whose name fully matches “team-a-.*”'),
    };
    expect(await updateApiAccess(teamA, { id: theirs.id, tags: ['x'] })).toMatchObject(outOfReach);
    expect(await regenerateApiAccess(teamA, { id: theirs.id, expiresAt: inDays(5) })).toMatchObject(outOfReach);
    expect(await deleteApiAccess(teamA, { id: theirs.id })).toMatchObject(outOfReach);
    const bulk = await bulkDeleteApiAccess(teamA, { ids: [ours.id, theirs.id] });
    expect(bulk).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!bulk.ok && bulk.message).toContain(theirs.apiAccess.name);
    expect(await exists([ours.id, theirs.id])).toBe(2);

    expect((await updateApiAccess(teamA, { id: ours.id, tags: ['x'] })).ok).toBe(true);
    expect((await regenerateApiAccess(teamA, { id: ours.id, expiresAt: inDays(5) })).ok).toBe(true);
    expect(await bulkDeleteApiAccess(teamA, { ids: [ours.id] })).toEqual({ ok: true, data: { deleted: 1 } });
  });

  it('keeps a renamed key within the reach of the grant that allowed the edit (no team escape)', async () => {
    // The probe's actor: updateApiAccess on team-a-.* and no createApiAccess, so no creation rule applies.
    const teamA = await userWith([{ permission: 'updateApiAccess', accessNamePattern: 'team-a-.*' }]);
    const stamp = Date.now();
    const key = await seedApiAccess({ actor: admin, name: `team-a-${stamp}` });
    expect(await updateApiAccess(teamA, { id: key.id, name: `team-b-${stamp}` })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      fieldErrors: { name: [expect.stringContaining('the new name must fully match it too')] },
    });
    const [row] = await db.select({ name: apiAccess.name }).from(apiAccess).where(eq(apiAccess.id, key.id));
    expect(row!.name).toBe(`team-a-${stamp}`);
    // Within the team, a rename is the editor's to make.
    expect(await updateApiAccess(teamA, { id: key.id, name: `team-a-renamed-${stamp}` })).toMatchObject({ ok: true });
    // Another grant reaching team B changes nothing: the key stays in the team its edit came through.
    const teamB = await seedRole({
      actor: admin,
      grants: [{ permission: 'updateApiAccess', accessNamePattern: 'team-b-.*' }, { permission: 'createApiAccess' }],
    });
    const teamARole = await seedRole({ actor: admin, grants: [{ permission: 'updateApiAccess', accessNamePattern: 'team-a-.*' }] });
    const twoTeams = (await loadUserActor((await seedUser({ roleNames: [teamARole.name, teamB.name] })).id, '203.0.113.7'))!;
    expect(await updateApiAccess(twoTeams, { id: key.id, name: `team-b-${stamp}` })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // An unscoped grant reaches every name.
    expect(await updateApiAccess(actorWith('updateApiAccess'), { id: key.id, name: `team-b-${stamp}` })).toMatchObject({ ok: true });
  });

  it('takes patterns on createApiAccess, updateApiAccess, regenerateApiAccess and deleteApiAccess grants only', async () => {
    for (const permission of ['updateApiAccess', 'regenerateApiAccess', 'deleteApiAccess'] as const) {
      expect((await createRole(admin, { name: `scoped ${permission}`, grants: [{ permission, accessNamePattern: 'ci-.*' }] })).ok).toBe(
        true,
      );
    }
    expect(
      await createRole(admin, { name: 'scoped list', grants: [{ permission: 'listApiAccess', accessNamePattern: 'ci-.*' }] }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { 'grants.0.accessNamePattern': [expect.stringContaining('Only createApiAccess, updateApiAccess')] },
    });
  });
});

describe('reading keys', () => {
  it('needs getApiAccess to see a key’s details, on the Edit and Regenerate pages too', async () => {
    const key = await seedApiAccess({ actor: admin });
    const editor = actorWith('updateApiAccess', 'regenerateApiAccess');
    expect(await getApiAccess({ actor: editor, id: key.id, alsoNeeds: 'updateApiAccess' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await getApiAccess({ actor: editor, id: key.id, alsoNeeds: 'regenerateApiAccess' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const reader = actorWith('getApiAccess', 'updateApiAccess');
    expect((await getApiAccess({ actor: reader, id: key.id, alsoNeeds: 'updateApiAccess' })).ok).toBe(true);
    expect(await getApiAccess({ actor: reader, id: key.id, alsoNeeds: 'regenerateApiAccess' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('needs getRole to filter by role, in the table and the REST list alike', async () => {
    const lister = actorWith('listApiAccess');
    const role = (await seedRole({ actor: admin, grants: [{ permission: 'listApiAccess' }] })).id;
    const params = listParamsSchema.parse({ role });
    expect(await listApiAccess({ actor: lister, params })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      fieldErrors: { role: expect.any(Array) },
    });
    expect(await listApiAccessPage({ actor: lister, filters: { role }, limit: 10 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await listApiAccess({ actor: actorWith('listApiAccess', 'getRole'), params })).ok).toBe(true);
  });
});
