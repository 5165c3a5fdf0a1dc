import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { auditLogs, roles, userRoles, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { hashPassword } from '@/lib/auth/password';
import { ADMIN_ROLE_NAME, PERMISSIONS, type Grant, type Permission } from '@/lib/auth/permissions';

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

export async function roleId(name: string): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, name));
  if (!row) throw new Error(`no role ${name}`);
  return row.id;
}

/** A real user in the database, with the named roles, seeded directly (not through the code under test). */
export async function seedUser(options: { email?: string; roleNames?: string[]; password?: string; disabled?: boolean } = {}) {
  const email = options.email ?? `user-${randomUUID().slice(0, 8)}@example.com`;
  const password = options.password ?? 'correct horse battery';
  const [user] = await db
    .insert(users)
    .values({ email, name: email.split('@')[0]!, passwordHash: await hashPassword(password), disabled: options.disabled ?? false })
    .returning({ id: users.id });
  for (const name of options.roleNames ?? [ADMIN_ROLE_NAME]) {
    await db.insert(userRoles).values({ userId: user!.id, roleId: await roleId(name) });
  }
  return { id: user!.id, email, password };
}

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
