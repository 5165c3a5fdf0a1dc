import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs, roles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createRole } from '@/lib/roles/create-role';
import { deleteRole } from '@/lib/roles/delete-role';
import { getRole, listRoles } from '@/lib/roles/queries';
import { updateRole } from '@/lib/roles/update-role';
import { actorWith, countRows, roleId, seedActor, seedUser } from '../support/fixtures';

let admin: Actor;
beforeAll(async () => {
  admin = await seedActor();
});

const ciRole = {
  name: 'CI Deployer',
  description: 'Pipelines',
  grants: [{ permission: 'createApiAccess' as const, accessNamePattern: 'ci-[a-z0-9-]+' }, { permission: 'listApiAccess' as const }],
};

describe('createRole', () => {
  it('creates a role with a name pattern and audits it with the actor and IP', async () => {
    const result = await createRole(admin, ciRole);
    expect(result).toMatchObject({ ok: true, data: { name: 'CI Deployer', predefined: false, grants: ciRole.grants } });
    const [entry] = await db.select().from(auditLogs).orderBy(desc(auditLogs.id)).limit(1);
    expect(entry).toMatchObject({ action: 'role.create', actorId: admin.id, targetName: 'CI Deployer', ip: '203.0.113.7' });
    expect(entry!.changes.after).toMatchObject({ name: 'CI Deployer', grants: ciRole.grants });
  });

  it.each([
    [
      'an invalid regular expression',
      { ...ciRole, name: 'Bad pattern', grants: [{ permission: 'createApiAccess', accessNamePattern: 'ci-[' }] },
      'grants.0.accessNamePattern',
      /Invalid regular expression/,
    ],
    [
      'a backreference (not RE2)',
      { ...ciRole, name: 'Backref', grants: [{ permission: 'createApiAccess', accessNamePattern: '(a)\\1' }] },
      'grants.0.accessNamePattern',
      /Invalid regular expression/,
    ],
    [
      'a pattern on another permission',
      { ...ciRole, name: 'Wrong', grants: [{ permission: 'listApiAccess', accessNamePattern: 'x' }] },
      'grants.0.accessNamePattern',
      /Only createApiAccess/,
    ],
    ['an empty name', { ...ciRole, name: '   ' }, 'name', /Enter a role name/],
    ['a 10,000-character name', { ...ciRole, name: 'x'.repeat(10_000) }, 'name', /at most 64/],
    ['an invisible letter in the name (U+3164)', { ...ciRole, name: 'CI\u3164Deployer' }, 'name', /invisible.*U\+3164/],
    ['an unknown permission', { ...ciRole, name: 'Unknown', grants: [{ permission: 'launchMissiles' }] }, 'grants.0.permission', /./],
    ['a 1,001-character description', { ...ciRole, name: 'Long', description: 'd'.repeat(1001) }, 'description', /1,000/],
  ])('refuses %s with a message on the field and writes nothing', async (_label, input, field, message) => {
    const rolesBefore = await countRows(roles);
    const auditBefore = await countRows(auditLogs);
    const result = await createRole.fromRequestBody(admin, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('VALIDATION');
    expect(result.fieldErrors?.[field]?.join(' ')).toMatch(message);
    expect(await countRows(roles)).toBe(rolesBefore);
    expect(await countRows(auditLogs)).toBe(auditBefore);
  });

  it('refuses a duplicate name, ignoring case', async () => {
    await createRole(admin, { ...ciRole, name: 'Auditors', grants: [{ permission: 'getAuditLog' }] });
    const result = await createRole(admin, { ...ciRole, name: 'AUDITORS', grants: [] });
    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { name: ['A role named “AUDITORS” already exists.'] } });
    expect(await db.select().from(roles).where(eq(roles.name, 'AUDITORS'))).toHaveLength(0);
  });

  it('refuses an actor without createRole', async () => {
    const result = await createRole(actorWith('getRole', 'updateRole'), { ...ciRole, name: 'Sneaky' });
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses grants the author does not hold (no escalation through roles)', async () => {
    const author = actorWith('createRole', 'getRole', { permission: 'createApiAccess', accessNamePattern: 'ci-.*' });
    const escalating = await createRole(author, { name: 'Everything', description: '', grants: [{ permission: 'deleteUser' }] });
    expect(escalating).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('deleteUser') });
    const widerPattern = await createRole(author, { name: 'Wider', description: '', grants: [{ permission: 'createApiAccess' }] });
    expect(widerPattern).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const same = await createRole(author, {
      name: 'Same',
      description: '',
      grants: [{ permission: 'createApiAccess', accessNamePattern: 'ci-.*' }],
    });
    expect(same.ok).toBe(true);
  });
});

describe('updateRole and deleteRole', () => {
  it('edits grants and records before and after of the changed fields only', async () => {
    const created = await createRole(admin, { name: 'Editable', description: 'same', grants: [{ permission: 'getUser' }] });
    if (!created.ok) throw new Error(created.message);
    const updated = await updateRole(admin, { id: created.data.id, grants: [{ permission: 'getUser' }, { permission: 'getAuditLog' }] });
    expect(updated).toMatchObject({
      ok: true,
      data: { description: 'same', grants: [{ permission: 'getUser' }, { permission: 'getAuditLog' }] },
    });
    const [entry] = await db.select().from(auditLogs).orderBy(desc(auditLogs.id)).limit(1);
    expect(entry!.changes).toEqual({
      before: { grants: [{ permission: 'getUser' }] },
      after: { grants: [{ permission: 'getUser' }, { permission: 'getAuditLog' }] },
    });
  });

  it('keeps predefined roles as they are', async () => {
    for (const name of ['ADMIN', 'READ_ONLY']) {
      const id = await roleId(name);
      expect(await updateRole(admin, { id, description: 'changed' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await deleteRole(admin, { id })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
        message: `${name} is predefined and cannot be deleted.`,
      });
    }
    expect(await db.select().from(roles).where(eq(roles.predefined, true))).toHaveLength(2);
  });

  it('refuses to delete a role that is still assigned, and deletes it once free', async () => {
    const created = await createRole(admin, { name: 'Assigned', description: '', grants: [{ permission: 'getUser' }] });
    if (!created.ok) throw new Error(created.message);
    await seedUser({ roleNames: ['Assigned'] });
    expect(await deleteRole(admin, { id: created.data.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'Assigned is assigned to 1 user. Remove it from them first.',
    });
    const free = await createRole(admin, { name: 'Free', description: '', grants: [] });
    if (!free.ok) throw new Error(free.message);
    expect(await deleteRole(admin, { id: free.data.id })).toMatchObject({ ok: true });
    expect(await getRole({ actor: admin, id: free.data.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    expect(await updateRole(admin, { id: '00000000-0000-4000-8000-000000000000', description: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await getRole({ actor: admin, id: 'not-a-uuid' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await deleteRole(admin, { id: 'not-a-uuid' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await updateRole(admin, { id: 'not-a-uuid', description: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a rename onto an existing name', async () => {
    const created = await createRole(admin, { name: 'Renamer', description: '', grants: [] });
    if (!created.ok) throw new Error(created.message);
    expect(await updateRole(admin, { id: created.data.id, name: 'read_only' })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('costly name patterns (security probe, finding 1)', () => {
  const PROBE_PATTERN = '\\pL{0,999}'.repeat(50);
  const patternPermissions = ['createApiAccess', 'updateApiAccess', 'regenerateApiAccess', 'deleteApiAccess'] as const;

  it('refuses every oversized pattern of a role by size, on its own field, and saves nothing', async () => {
    const rolesBefore = await countRows(roles);
    const result = await createRole(admin, {
      name: 'Probe',
      grants: patternPermissions.map((permission) => ({ permission, accessNamePattern: PROBE_PATTERN })),
    });
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION' });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(patternPermissions.map((_, i) => `grants.${i}.accessNamePattern`));
    expect(result.fieldErrors?.['grants.0.accessNamePattern']?.[0]).toMatch(/too large.*at most 1,000/);
    expect(await countRows(roles)).toBe(rolesBefore);
  });

  it('refuses 15 grants of one permission as duplicates', async () => {
    const grants = Array.from({ length: 15 }, () => ({ permission: 'createApiAccess' as const, accessNamePattern: PROBE_PATTERN }));
    const result = await createRole.fromRequestBody(admin, { name: 'Probe 15', grants });
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION', fieldErrors: { grants: ['Each permission can be granted once.'] } });
  });

  it('checks who may save the role before it compiles any pattern', async () => {
    // Without the grant it names, the author is refused for escalation, not told about the pattern.
    const author = actorWith('createRole', 'updateRole', 'getRole');
    const created = await createRole(author, { name: 'Not mine', grants: [{ permission: 'createApiAccess', accessNamePattern: 'ci-[' }] });
    expect(created).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('createApiAccess') });
    // An unknown role is not found, whatever its patterns would have been.
    const unknown = await updateRole(admin, {
      id: '00000000-0000-4000-8000-000000000000',
      grants: [{ permission: 'createApiAccess', accessNamePattern: 'ci-[' }],
    });
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('refuses an oversized pattern on edit too, keeping the role as it was', async () => {
    const created = await createRole(admin, {
      name: 'Edited patterns',
      grants: [{ permission: 'createApiAccess', accessNamePattern: 'ci-.*' }],
    });
    if (!created.ok) throw new Error(created.message);
    const result = await updateRole(admin, {
      id: created.data.id,
      grants: [{ permission: 'createApiAccess', accessNamePattern: '[a-z]{0,999}' }],
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      fieldErrors: { 'grants.0.accessNamePattern': [expect.stringMatching(/too large/)] },
    });
    expect(await getRole({ actor: admin, id: created.data.id })).toMatchObject({
      ok: true,
      data: { grants: [{ permission: 'createApiAccess', accessNamePattern: 'ci-.*' }] },
    });
  });
});

describe('reading roles', () => {
  it('lists predefined roles first, with their usage', async () => {
    const result = await listRoles({ actor: admin });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.slice(0, 2).map((role) => role.name)).toEqual(['ADMIN', 'READ_ONLY']);
    expect(result.data[0]!.userCount).toBeGreaterThanOrEqual(1);
  });
});
