import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { roles, userRoles } from '@/db/schema';
import { failure, type Failure } from '@/lib/errors';
import type { Actor } from './actor';
import { describeGrant, missingGrant } from './authorize';
import type { Grant } from './permissions';

export type RoleGrants = { id?: string; name: string; grants: readonly Grant[] };
export type Beyond = { role: RoleGrants; grant: Grant };

/**
 * The no-escalation rule, in one place: the first of `roles` with a grant the actor does not
 * hold (same permission, and the same pattern or none on the actor's side), and that grant.
 */
export function roleBeyond(actor: Pick<Actor, 'grants'>, roles: readonly RoleGrants[]): Beyond | null {
  for (const role of roles) {
    const grant = missingGrant(actor, role.grants);
    if (grant) return { role, grant };
  }
  return null;
}

/** The grants of the roles given by id, or of the roles a user holds. */
export async function loadRoleGrants(q: Queryable, of: { roleIds: string[] } | { userId: string }): Promise<RoleGrants[]> {
  if ('roleIds' in of) {
    if (of.roleIds.length === 0) return [];
    return q.select({ id: roles.id, name: roles.name, grants: roles.grants }).from(roles).where(inArray(roles.id, of.roleIds));
  }
  return q
    .select({ id: roles.id, name: roles.name, grants: roles.grants })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, of.userId));
}

const refusal = (message: string, field?: string) => failure('FORBIDDEN', message, field ? { [field]: [message] } : undefined);

/**
 * Acting on something that carries roles (a key, a user) needs every grant of those roles:
 * nobody disarms or reshapes what is stronger than themselves. `explain` words the refusal
 * for its context (and decides whether it may name the role).
 */
export async function checkHoldsRoles(
  q: Queryable,
  actor: Pick<Actor, 'grants'>,
  of: { roleIds: string[] } | { userId: string },
  explain: (beyond: Beyond) => string,
): Promise<Failure | null> {
  const beyond = roleBeyond(actor, await loadRoleGrants(q, of));
  return beyond ? refusal(explain(beyond)) : null;
}

/** Handing out roles (to a key or a user): refused naming the first role and grant the actor lacks. */
export function checkAssignableRoles(actor: Pick<Actor, 'grants'>, roles: readonly RoleGrants[], field = 'roles'): Failure | null {
  const beyond = roleBeyond(actor, roles);
  if (!beyond) return null;
  return refusal(`You cannot assign ${beyond.role.name}: it grants ${describeGrant(beyond.grant)}, which you do not hold.`, field);
}

/** Putting grants into a role: an editor could otherwise hand itself anything. */
export function checkGrantsHeld(actor: Pick<Actor, 'grants'>, grants: readonly Grant[]): Failure | null {
  const beyond = roleBeyond(actor, [{ name: '', grants }]);
  if (!beyond) return null;
  return refusal(`You cannot grant ${describeGrant(beyond.grant)}: you do not hold it yourself.`, 'grants');
}
