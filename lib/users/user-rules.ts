import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { roles, userRoles, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { checkHoldsRoles } from '@/lib/auth/escalation';
import { ADMIN_ROLE_NAME } from '@/lib/auth/permissions';
import { failure, success, type Failure, type Result } from '@/lib/errors';
import { findUser } from './queries';
import { isUserId } from './schemas';
import type { UserSummary } from './types';

/** Serialises changes that could remove the last administrator. */
export async function lockAdminRole(tx: Tx): Promise<void> {
  await tx.select({ id: roles.id }).from(roles).where(eq(roles.name, ADMIN_ROLE_NAME)).for('update');
}

export async function checkAdminRemains(tx: Tx): Promise<Failure | null> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(roles.name, ADMIN_ROLE_NAME), eq(users.disabled, false)));
  if (row && row.n > 0) return null;
  return failure('CONFLICT', `This would leave no active user with the ${ADMIN_ROLE_NAME} role. Keep at least one.`);
}

/** Nobody may change or remove a user who holds more than they do (the role is not named: it may be one the actor cannot see). */
export const checkActorCovers = (tx: Tx, actor: Actor, userId: string) =>
  checkHoldsRoles(tx, actor, { userId }, () => 'This user holds a role that grants more than you hold, so you cannot change them.');

export async function replaceUserRoles(tx: Tx, userId: string, roleIds: string[]): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId, roleId })));
}

/**
 * The start of every change to a user: serialise against other admin changes,
 * then the user must exist and hold nothing beyond the actor.
 */
export async function loadUserToChange(tx: Tx, actor: Actor, id: string): Promise<Result<UserSummary>> {
  if (!isUserId(id)) return failure('NOT_FOUND', 'This user does not exist.');
  await lockAdminRole(tx);
  const user = await findUser(tx, id);
  if (!user) return failure('NOT_FOUND', 'This user does not exist.');
  return (await checkActorCovers(tx, actor, id)) ?? success(user);
}
