import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { apiAccess } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { checkAccessName, describeGrant } from '@/lib/auth/authorize';
import { checkHoldsRoles } from '@/lib/auth/escalation';
import { failure, isUniqueViolation, type Failure } from '@/lib/errors';
import type { ApiAccess } from './types';

export function duplicateAccessName(error: unknown, name: string): Failure | null {
  if (!isUniqueViolation(error)) return null;
  const message = `An API Access named “${name}” already exists.`;
  return failure('CONFLICT', message, { name: [message] });
}

/**
 * A rename obeys the creation rule when the actor's createApiAccess grants
 * constrain names; an actor without any createApiAccess grant is not constrained.
 */
export function checkRename(actor: Actor, name: string): Failure | null {
  const constrained = actor.grants.some((grant) => grant.permission === 'createApiAccess');
  return constrained ? checkAccessName(actor, name) : null;
}

/** The user who answers for a new key: the creating user, or the author of the creating key, and so on. */
export async function authorOf(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind === 'user') return actor.id;
  const [creator] = await tx.select({ authorUserId: apiAccess.authorUserId }).from(apiAccess).where(eq(apiAccess.id, actor.id));
  return creator?.authorUserId ?? null;
}

/** What the audit log keeps of a key: never the token or its digest. */
export const auditSnapshot = (item: ApiAccess) => ({
  name: item.name,
  description: item.description,
  tags: item.tags,
  roles: item.roles.map((role) => role.name),
  expiresAt: item.expiresAt.toISOString(),
});

/** Refuses an actor who lacks any grant of the key's roles (it would get a token acting with them). */
export function checkHoldsRolesOf(tx: Tx, actor: Actor, item: ApiAccess): Promise<Failure | null> {
  return checkHoldsRoles(
    tx,
    actor,
    { roleIds: item.roles.map((role) => role.id) },
    ({ role, grant }) => `You cannot regenerate ${item.name}: its role ${role.name} grants ${describeGrant(grant)}, which you do not hold.`,
  );
}
