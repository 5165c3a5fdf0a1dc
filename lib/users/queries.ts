import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { db, type Queryable } from '@/db/client';
import { roles, userRoles, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { authorize, hasPermission } from '@/lib/auth/authorize';
import { failure, success, type Result } from '@/lib/errors';
import { hasTwoFactorSql } from '@/lib/two-factor/has-two-factor';
import { isUserId } from './schemas';
import type { UserSummary } from './types';

// Never select password_hash for anything that leaves lib/.
const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  disabled: users.disabled,
  twoFactor: hasTwoFactorSql(users.id),
  createdAt: users.createdAt,
};

async function withRoles(q: Queryable, rows: Omit<UserSummary, 'roles'>[]): Promise<UserSummary[]> {
  if (rows.length === 0) return [];
  const links = await q
    .select({ userId: userRoles.userId, id: roles.id, name: roles.name })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(
      inArray(
        userRoles.userId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(roles.name));
  return rows.map((row) => ({
    ...row,
    roles: links.filter((link) => link.userId === row.id).map(({ id, name }) => ({ id, name })),
  }));
}

/** Which roles someone holds is role data: only for those with getRole. */
const hideRolesUnlessAllowed = (actor: Actor, list: UserSummary[]) =>
  hasPermission(actor, 'getRole') ? list : list.map((user) => ({ ...user, roles: [] }));

export async function listUsers({ actor }: { actor: Actor }): Promise<Result<UserSummary[]>> {
  const denied = authorize(actor, 'getUser');
  if (denied) return denied;
  const rows = await db.select(userColumns).from(users).orderBy(asc(users.email));
  return success(hideRolesUnlessAllowed(actor, await withRoles(db, rows)));
}

export async function getUser({ actor, id }: { actor: Actor; id: string }): Promise<Result<UserSummary>> {
  const denied = authorize(actor, 'getUser');
  if (denied) return denied;
  const user = isUserId(id) ? await findUser(db, id) : undefined;
  return user ? success(hideRolesUnlessAllowed(actor, [user])[0]!) : failure('NOT_FOUND', 'This user does not exist.');
}

/** Unchecked read for operations that already authorized their actor. */
export async function findUser(q: Queryable, id: string): Promise<UserSummary | undefined> {
  const rows = await q.select(userColumns).from(users).where(eq(users.id, id));
  const [user] = await withRoles(q, rows);
  return user;
}
