import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createRole } from '@/lib/roles/create-role';
import { createUser } from '@/lib/users/create-user';
import { deleteUser } from '@/lib/users/delete-user';
import { listUsers } from '@/lib/users/queries';
import { updateUser } from '@/lib/users/update-user';
import { actorWith, allPermissionsExcept, countRows, roleId, seedActor, seedUser } from '../support/fixtures';

let admin: Actor;
let readOnlyId: string;
beforeAll(async () => {
  admin = await seedActor();
  readOnlyId = await roleId('READ_ONLY');
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `New.Person+${Math.random().toString(36).slice(2, 8)}@Example.com`,
  name: 'New Person',
  password: 'a long enough password',
  roles: [readOnlyId],
  ...overrides,
});

describe('createUser', () => {
  it('creates a user with an argon2id hash, lower-cased email and roles, and never returns the hash', async () => {
    const input = newUser();
    const result = await createUser(admin, input);
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toMatchObject({ email: input.email.toLowerCase(), roles: [{ name: 'READ_ONLY' }], disabled: false });
    expect(JSON.stringify(result.data)).not.toContain('argon2');
    const [row] = await db.select().from(users).where(eq(users.id, result.data.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.targetId, result.data.id));
    expect(JSON.stringify(entry)).not.toContain(input.password);
  });

  it('refuses a duplicate email, ignoring case', async () => {
    const input = newUser();
    await createUser(admin, input);
    const result = await createUser(admin, { ...input, email: input.email.toUpperCase() });
    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', fieldErrors: { email: [expect.stringContaining('already exists')] } });
  });

  it.each([
    ['empty fields', { email: '', name: '', password: '', roles: [] }, ['email', 'name', 'password', 'roles']],
    ['a 10,000-character name', { name: 'n'.repeat(10_000) }, ['name']],
    ['an invalid email', { email: 'not-an-email' }, ['email']],
    ['a short password', { password: 'short' }, ['password']],
    ['six roles', { roles: Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) }, ['roles']],
  ])('refuses %s with a message per field and writes nothing', async (_label, overrides, fields) => {
    const before = await countRows(users);
    const result = await createUser(admin, newUser(overrides));
    expect(result).toMatchObject({ ok: false, code: 'VALIDATION' });
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
    expect(await countRows(users)).toBe(before);
  });

  it('refuses an unknown role id without creating the user', async () => {
    const before = await countRows(users);
    const result = await createUser(admin, newUser({ roles: ['00000000-0000-4000-8000-000000000000'] }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { roles: ['One of the chosen roles does not exist.'] } });
    expect(await countRows(users)).toBe(before);
  });

  it('refuses to hand out a role the actor does not fully hold', async () => {
    const manager = actorWith('createUser', 'getRole', 'getUser');
    const result = await createUser(manager, newUser({ roles: [await roleId('ADMIN')] }));
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('You cannot assign ADMIN') });
    const readOnly = await createUser(manager, newUser());
    expect(readOnly).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('READ_ONLY') });
  });

  it('needs getRole to choose roles', async () => {
    const result = await createUser(actorWith('createUser'), newUser());
    expect(result).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      fieldErrors: { roles: ['Assigning roles needs the getRole permission.'] },
    });
  });
});

describe('updateUser and deleteUser', () => {
  it('keeps at least one active ADMIN: no disabling, demoting or deleting the last one', async () => {
    const onlyAdmin = await seedUser({ roleNames: ['ADMIN'] });
    await db.execute(sql`delete from users where id <> ${onlyAdmin.id}`);
    // Another all-powerful actor (e.g. an API Access), so the self-protection rules do not apply.
    const operator = allPermissionsExcept();
    expect(await updateUser(operator, { id: onlyAdmin.id, roles: [readOnlyId] })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: 'This would leave no active user with the ADMIN role. Keep at least one.',
    });
    expect(await updateUser(operator, { id: onlyAdmin.id, disabled: true })).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await deleteUser(operator, { id: onlyAdmin.id })).toMatchObject({ ok: false, code: 'CONFLICT' });
    const result = await listUsers({ actor: operator });
    expect(result).toMatchObject({ ok: true, data: [{ id: onlyAdmin.id, disabled: false, roles: [{ name: 'ADMIN' }] }] });
    // With a second admin, the first may go.
    await seedUser({ roleNames: ['ADMIN'] });
    expect(await updateUser(operator, { id: onlyAdmin.id, disabled: true })).toMatchObject({ ok: true });
  });

  it('refuses to delete or disable yourself', async () => {
    const me = await seedActor();
    expect(await deleteUser(me, { id: me.id })).toMatchObject({ ok: false, message: 'You cannot delete your own account.' });
    expect(await updateUser(me, { id: me.id, disabled: true })).toMatchObject({
      ok: false,
      fieldErrors: { disabled: ['You cannot disable your own account.'] },
    });
  });

  it('disables, renames and re-roles a user, auditing the changed fields', async () => {
    const target = await seedUser({ roleNames: ['READ_ONLY'] });
    const result = await updateUser(admin, {
      id: target.id,
      name: 'Renamed',
      disabled: true,
      roles: [readOnlyId, await roleId('ADMIN')],
    });
    expect(result).toMatchObject({ ok: true, data: { name: 'Renamed', disabled: true } });
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.targetId, target.id));
    expect(entry!.changes.after).toMatchObject({ name: 'Renamed', disabled: true, roles: ['ADMIN', 'READ_ONLY'] });
  });

  it('does not let someone change a user who holds more than they do', async () => {
    const target = await seedUser({ roleNames: ['ADMIN'] });
    const manager = actorWith('updateUser', 'deleteUser', 'getUser', 'getRole');
    expect(await updateUser(manager, { id: target.id, name: 'Hijacked' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await deleteUser(manager, { id: target.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('deletes a user and keeps the audit entry', async () => {
    const target = await seedUser({ roleNames: ['READ_ONLY'] });
    expect(await deleteUser(admin, { id: target.id })).toMatchObject({ ok: true });
    expect(await db.select().from(users).where(eq(users.id, target.id))).toHaveLength(0);
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.action, 'user.delete'));
    expect(entry).toMatchObject({ targetName: target.email });
  });

  it('refuses an actor without the permission', async () => {
    const target = await seedUser({ roleNames: ['READ_ONLY'] });
    expect(await updateUser(actorWith('getUser'), { id: target.id, name: 'x' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await deleteUser(actorWith('getUser'), { id: target.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await listUsers({ actor: actorWith('getRole') })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('roles in use', () => {
  it('a new role can be given to a user by someone holding all of it', async () => {
    const role = await createRole(admin, { name: 'Support', description: '', grants: [{ permission: 'getUser' }] });
    if (!role.ok) throw new Error(role.message);
    const result = await createUser(admin, newUser({ roles: [role.data.id] }));
    expect(result).toMatchObject({ ok: true, data: { roles: [{ name: 'Support' }] } });
  });
});

describe('ids that name no user', () => {
  it.each(['not-a-user', '00000000-0000-4000-8000-000000000000'])(
    'are NOT_FOUND for updates and deletes, like keys and roles (%s)',
    async (id) => {
      expect(await updateUser(admin, { id, name: 'Nobody' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await deleteUser(admin, { id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    },
  );
});
