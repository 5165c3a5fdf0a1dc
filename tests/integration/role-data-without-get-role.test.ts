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
// Part of the same session: it signed in a moment ago (a recent sign-in is not what is probed here).
vi.mock('@/lib/auth/next-auth', () => ({ auth: async () => ({ authAt: Math.floor(Date.now() / 1000) }) }));
vi.mock('@/lib/auth/recent-sign-in', () => ({ hasRecentSignIn: async () => true, rememberConfirmation: async () => {} }));

let admin: Actor;
let probeCount = 0;

/** A role nobody without getRole should learn anything about, and a user holding it; fresh per probe, as a probe may change or delete them. */
async function secretRole() {
  const n = ++probeCount;
  const secret = { name: `Vault Keepers ${n}`, description: `Holders of vault secret ${n}`, pattern: `vault-${n}-[0-9]+` };
  const role = await createRole(admin, {
    name: secret.name,
    description: secret.description,
    grants: [{ permission: 'createApiAccess', accessNamePattern: secret.pattern }],
  });
  if (!role.ok) throw new Error(role.message);
  const holderId = (await seedUser({ roleNames: [secret.name] })).id;
  return { ...secret, roleId: role.data.id, holderId };
}

beforeAll(async () => {
  admin = await seedActor();
  // Everything but getRole: the most an actor without it could try.
  session.actor = allPermissionsExcept('getRole');
});

/** A form carrying every field any role or user action reads, aimed at `id`, with the secret role chosen where roles are read. */
function probingForm(id: string, secret: Awaited<ReturnType<typeof secretRole>>): FormData {
  const form = new FormData();
  form.set('id', id);
  // The name as someone might guess it: a "name taken" answer must not reveal how it is really written.
  form.set('name', secret.name.toLowerCase());
  form.set('description', 'probe');
  form.set('email', `probe${probeCount}@example.com`);
  form.set('password', 'probe password 123');
  form.set('rolesShown', '1');
  form.append('roles', secret.roleId);
  form.append('grants', 'createApiAccess');
  form.set('pattern-createApiAccess', 'probe-.*');
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
      for (const aim of ['role', 'holder'] as const) {
        const secret = await secretRole();
        const answer = await call(action as never, probingForm(aim === 'role' ? secret.roleId : secret.holderId, secret));
        const leaked = [secret.description, secret.pattern, secret.name, 'ADMIN'].filter((text) => answer.includes(text));
        expect({ name, aim, leaked }).toEqual({ name, aim, leaked: [] });
      }
    }
  });

  it('is refused by every role query and sees users without their roles', async () => {
    const actor = allPermissionsExcept('getRole');
    const { roleId: secretRoleId, holderId } = await secretRole();
    expect(await listRoles({ actor })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await getRole({ actor, id: secretRoleId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await listAssignableRoles({ actor })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const users = await listUsers({ actor });
    expect(users.ok && users.data.every((user) => user.roles.length === 0)).toBe(true);
    expect(await getUser({ actor, id: holderId })).toMatchObject({ ok: true, data: { roles: [] } });
  });
});
