import 'server-only';
import { asc, count, desc, eq } from 'drizzle-orm';
import { db, type Queryable } from '@/db/client';
import { roles, userRoles, type RoleRow } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/authorize';
import { roleBeyond } from '@/lib/auth/escalation';
import { failure, success, type Result } from '@/lib/errors';
import { isRoleId } from './schemas';
import type { Role, RoleWithUsage } from './types';

const roleColumns = {
  id: roles.id,
  name: roles.name,
  description: roles.description,
  predefined: roles.predefined,
  grants: roles.grants,
};

export const toRole = (row: Pick<RoleRow, keyof typeof roleColumns>): Role => ({
  id: row.id,
  name: row.name,
  description: row.description,
  predefined: row.predefined,
  grants: row.grants,
});

export async function listRoles({ actor }: { actor: Actor }): Promise<Result<RoleWithUsage[]>> {
  const denied = authorize(actor, 'getRole');
  if (denied) return denied;
  const rows = await db
    .select({ ...roleColumns, userCount: count(userRoles.userId) })
    .from(roles)
    .leftJoin(userRoles, eq(userRoles.roleId, roles.id))
    .groupBy(roles.id)
    // Predefined roles first, then the organisation's own, alphabetically.
    .orderBy(desc(roles.predefined), asc(roles.name));
  return success(rows.map((row) => ({ ...toRole(row), userCount: row.userCount })));
}

export async function getRole({ actor, id }: { actor: Actor; id: string }): Promise<Result<Role>> {
  const denied = authorize(actor, 'getRole');
  if (denied) return denied;
  const role = isRoleId(id) ? await findRole(db, id) : undefined;
  return role ? success(role) : failure('NOT_FOUND', 'This role does not exist.');
}

/** Unchecked read for operations that already authorized their actor. */
export async function findRole(q: Queryable, id: string): Promise<Role | undefined> {
  const [row] = await q.select(roleColumns).from(roles).where(eq(roles.id, id));
  return row && toRole(row);
}

/** Roles the actor may hand out (no escalation); refused without getRole, which choosing roles needs. */
export async function listAssignableRoles({ actor }: { actor: Actor }): Promise<Result<Role[]>> {
  const denied = authorize(actor, 'getRole');
  if (denied) return denied;
  const rows = await db.select(roleColumns).from(roles).orderBy(desc(roles.predefined), asc(roles.name));
  return success(rows.map(toRole).filter((role) => !roleBeyond(actor, [role])));
}
