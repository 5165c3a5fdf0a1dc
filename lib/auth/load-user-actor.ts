import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { roles, userRoles, users } from '@/db/schema';
import type { Actor } from './actor';

/**
 * Reads the user behind a session from the database on every request, so that
 * disabling, deleting or changing the roles of a user takes effect at once.
 */
export async function loadUserActor(userId: string, ip: string | null): Promise<(Actor & { email: string; roleNames: string[] }) | null> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, disabled: users.disabled, roleName: roles.name, grants: roles.grants })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .leftJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(users.id, userId));
  const [first] = rows;
  if (!first || first.disabled) return null;
  return {
    kind: 'user',
    id: first.id,
    name: first.name,
    email: first.email,
    ip,
    roleNames: rows.flatMap((row) => (row.roleName ? [row.roleName] : [])).sort(),
    grants: rows.flatMap((row) => row.grants ?? []),
  };
}
