import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { apiAccess } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { checkAccessName, checkReach, checkRenameInReach, describeGrant } from '@/lib/auth/authorize';
import { loadRoleGrants, roleBeyond } from '@/lib/auth/escalation';
import type { KeyReachPermission } from '@/lib/auth/permissions';
import { failure, success, type Failure, type Result } from '@/lib/errors';
import { isAccessId } from './access-id';
import { keyNotFound } from './not-found';
import { findApiAccess } from './rows';
import type { ApiAccess } from './types';

/** What a unique violation of a key's name means (the unit of work maps it). */
export function duplicateAccessName(name: string): Failure {
  const message = `An API Access named “${name}” already exists.`;
  return failure('CONFLICT', message, { name: [message] });
}

/**
 * A rename stays within the reach of the edit's own grant (team scoping), and obeys the creation
 * rule when the actor's createApiAccess grants constrain names; an actor without any
 * createApiAccess grant has no creation rule to obey.
 */
export function checkRename(actor: Actor, from: string, to: string): Failure | null {
  const outOfReach = checkRenameInReach(actor, 'updateApiAccess', from, to);
  if (outOfReach) return outOfReach;
  const constrained = actor.grants.some((grant) => grant.permission === 'createApiAccess');
  return constrained ? checkAccessName(actor, to) : null;
}

/** The roles of `roleIds` the key does not hold yet: what an edit adds (and must be allowed to hand out). */
export const rolesAdded = (key: Pick<ApiAccess, 'roles'>, roleIds: readonly string[]) =>
  roleIds.filter((roleId) => !key.roles.some((role) => role.id === roleId));

/** The user who answers for a new key: the creating user, or the author of the creating key, and so on. */
export async function authorOf(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind === 'user') return actor.id;
  const [creator] = await tx.select({ authorUserId: apiAccess.authorUserId }).from(apiAccess).where(eq(apiAccess.id, actor.id));
  return creator?.authorUserId ?? null;
}

const VERBS: Record<KeyReachPermission, string> = { updateApiAccess: 'edit', regenerateApiAccess: 'regenerate', deleteApiAccess: 'delete' };

/**
 * Acting on existing keys (SPEC §1): each must be within reach of the actor's grant of
 * `permission` (team scoping by name), and the actor must hold every grant of each key's roles
 * (nobody disarms or re-issues a key stronger than themselves). Refuses at the first key that
 * fails, naming it; the roles' grants are loaded once for all the keys.
 */
export async function checkActOnKeys(
  tx: Tx,
  actor: Actor,
  permission: KeyReachPermission,
  items: readonly ApiAccess[],
): Promise<Failure | null> {
  for (const item of items) {
    const outOfReach = checkReach(actor, permission, item.name);
    if (outOfReach) return outOfReach;
  }
  const grants = await loadRoleGrants(tx, { roleIds: [...new Set(items.flatMap((item) => item.roles.map((role) => role.id)))] });
  for (const item of items) {
    const beyond = roleBeyond(
      actor,
      grants.filter((role) => item.roles.some(({ id }) => id === role.id)),
    );
    if (beyond) {
      return failure(
        'FORBIDDEN',
        `You cannot ${VERBS[permission]} ${item.name}: its role ${beyond.role.name} grants ${describeGrant(beyond.grant)}, which you do not hold.`,
      );
    }
  }
  return null;
}

/**
 * The start of every change to one key: an id of any other form names nothing (and never reaches
 * SQL), then the row is locked, so a delete racing the change makes it a clean NOT_FOUND.
 */
export async function lockKeyForChange(tx: Tx, id: string): Promise<Result<ApiAccess>> {
  if (!isAccessId(id)) return keyNotFound();
  await tx.select({ id: apiAccess.id }).from(apiAccess).where(eq(apiAccess.id, id)).for('update');
  const found = await findApiAccess(tx, id);
  return found ? success(found) : keyNotFound();
}
