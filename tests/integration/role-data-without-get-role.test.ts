import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { createRole } from '@/lib/roles/create-role';
import { getRole, listAssignableRoles, listRoles } from '@/lib/roles/queries';
import { getUser, listUsers } from '@/lib/users/queries';
import { allPermissionsExcept, seedActor, seedUser } from '../support/fixtures';

// The session is the one thing faked: next-auth's cookie needs a browser. Everything behind it is real.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/current-actor', () => ({
  getCurrentUser: async () => session.actor,
  requireCurrentUser: async () => session.actor,
}));

const SECRET = { name: 'Vault Keepers', description: 'Holders of the vault secret', pattern: 'vault-[0-9]+' };
let secretRoleId: string;
let holderId: string;

beforeAll(async () => {
  const admin = await seedActor();
  const role = await createRole(admin, {
    name: SECRET.name,
    description: SECRET.description,
    grants: [{ permission: 'createApiAccess', accessNamePattern: SECRET.pattern }],
  });
  if (!role.ok) throw new Error(role.message);
  secretRoleId = role.data.id;
  holderId = (await seedUser({ roleNames: [SECRET.name] })).id;
  // Everything but getRole: the most an actor without it could try.
  session.actor = allPermissionsExcept('getRole');
});

/** A form carrying every field any role or user action reads, aimed at the secret role and its holder. */
function probingForm(id: string): FormData {
  const form = new FormData();
  form.set('id', id);
  form.set('name', SECRET.name);
  form.set('description', 'probe');
  form.set('email', 'probe@example.com');
  form.set('password', 'probe password 123');
  form.set('rolesShown', '1');
  form.append('roleIds', secretRoleId);
  form.append('grants', 'createApiAccess');
  form.set('accessNamePattern', SECRET.pattern);
  return form;
}

async function call(action: (state: FormState, form: FormData) => Promise<FormState>, form: FormData): Promise<string> {
  try {
    // What was typed is echoed back to the form; only what the server adds can leak.
    const { values: _echo, ...answer } = await action(idleFormState, form);
    return JSON.stringify(answer);
  } catch (error) {
    // A redirect is a success that carries no data (deleting a user needs no role data, say).
    if ((error as Error).message === 'NEXT_REDIRECT') return 'redirected';
    throw error;
  }
}

describe('an actor without getRole', () => {
  it('gets no role data from any role or user server action', async () => {
    const modules = { roles: await import('@/lib/roles/actions'), users: await import('@/lib/users/actions') };
    const actions = Object.entries(modules).flatMap(([domain, exports]) =>
      Object.entries(exports).map(([name, action]) => [`${domain}.${name}`, action] as const),
    );
    expect(actions.map(([name]) => name).sort()).toEqual([
      'roles.createRoleAction',
      'roles.deleteRoleAction',
      'roles.updateRoleAction',
      'users.createUserAction',
      'users.deleteUserAction',
      'users.updateUserAction',
    ]);
    for (const [name, action] of actions) {
      // Aimed at the role, and at a user holding it (fresh each time: a delete may succeed).
      for (const target of [secretRoleId, (await seedUser({ roleNames: [SECRET.name] })).id]) {
        const answer = await call(action as never, probingForm(target));
        const leaked = [SECRET.description, SECRET.pattern, 'Vault', 'ADMIN'].filter((secret) => answer.includes(secret));
        expect({ name, leaked }).toEqual({ name, leaked: [] });
      }
      if (name.startsWith('roles.')) {
        expect(await call(action as never, probingForm(secretRoleId))).toContain('You do not have the getRole permission.');
      }
    }
  });

  it('is refused by every role query and sees users without their roles', async () => {
    const actor = allPermissionsExcept('getRole');
    expect(await listRoles({ actor })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await getRole({ actor, id: secretRoleId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await listAssignableRoles({ actor })).toEqual([]);
    const users = await listUsers({ actor });
    expect(users.ok && users.data.every((user) => user.roles.length === 0)).toBe(true);
    expect(await getUser({ actor, id: holderId })).toMatchObject({ ok: true, data: { roles: [] } });
  });
});
