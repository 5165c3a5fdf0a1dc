import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLogs, roles, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { ADMIN_ROLE_NAME, PERMISSIONS, type Grant, type Permission } from '@/lib/auth/permissions';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import type { ApiAccessWithToken } from '@/lib/api-access/types';
import { createRole } from '@/lib/roles/create-role';
import type { Role } from '@/lib/roles/types';
import { DAY_MS } from '@/lib/time';
import { rememberToken } from './log-secrets';
import { roleId, seedUser } from './seed-user';

export { roleId, seedUser };

/** An actor that exists only in memory, holding exactly these grants. */
export const actorWith = (...grants: (Permission | Grant)[]): Actor => ({
  kind: 'user',
  id: randomUUID(),
  name: 'Test actor',
  ip: '203.0.113.7',
  grants: grants.map((grant) => (typeof grant === 'string' ? { permission: grant } : grant)),
});

export const allPermissionsExcept = (...excluded: Permission[]) =>
  actorWith(...PERMISSIONS.filter((permission) => !excluded.includes(permission)));

/** A seeded user, loaded the way a request loads its actor. */
export async function seedActor(roleNames: string[] = [ADMIN_ROLE_NAME]): Promise<Actor> {
  const user = await seedUser({ roleNames });
  const actor = await loadUserActor(user.id, '203.0.113.7');
  if (!actor) throw new Error('seeded user did not load');
  return actor;
}

export const countRows = async (table: typeof roles | typeof users | typeof auditLogs) => {
  const [row] = await db.select({ n: count() }).from(table);
  return row!.n;
};

/** An instant `days` from now (fractions allowed; negative is the past). */
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

let keys = 0;

/**
 * A key made through the domain (createApiAccess), by `actor` (a fresh ADMIN user when not
 * given): named uniquely, expiring in 30 days, with the named roles (or role ids), unless overridden.
 */
export async function seedApiAccess(
  options: {
    actor?: Actor;
    roleNames?: string[];
    roles?: string[];
    name?: string;
    description?: string;
    tags?: string[];
    expiresAt?: Date;
    allowedIps?: string[];
    rateLimit?: { limit: number; windowSeconds: number } | null;
  } = {},
): Promise<ApiAccessWithToken & { actor: Actor; id: string }> {
  const { actor = await seedActor(), roleNames = [], roles, ...fields } = options;
  const result = await createApiAccess(actor, {
    name: `key-${++keys}-${randomUUID().slice(0, 6)}`,
    expiresAt: inDays(30),
    roles: roles ?? (await Promise.all(roleNames.map(roleId))),
    ...fields,
  });
  if (!result.ok) throw new Error(`seedApiAccess: ${result.code}: ${result.message}`);
  rememberToken(result.data.token);
  return { ...result.data, actor, id: result.data.apiAccess.id };
}

/** A role made through the domain (createRole), by an ADMIN unless `actor` is given. */
export async function seedRole(options: { actor?: Actor; name?: string; grants: Grant[]; description?: string }): Promise<Role> {
  const { actor = await seedActor(), name = `role-${randomUUID().slice(0, 8)}`, ...fields } = options;
  const result = await createRole(actor, { name, ...fields });
  if (!result.ok) throw new Error(`seedRole: ${result.code}: ${result.message}`);
  return result.data;
}
