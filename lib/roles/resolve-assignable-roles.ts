import { inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { roles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import { checkAssignableRoles } from '@/lib/auth/escalation';
import { fieldFailure, success, type Result } from '@/lib/errors';
import { toRole } from './queries';
import type { Role } from './types';

/**
 * Turns role ids chosen by an actor into roles it may hand out: every id must
 * exist, the actor needs getRole, and it must hold every grant of each role.
 */
export async function resolveAssignableRoles(tx: Tx, actor: Actor, roleIds: string[], field = 'roles'): Promise<Result<Role[]>> {
  if (roleIds.length === 0) return success([]);
  if (!hasPermission(actor, 'getRole')) return fieldFailure(field, 'Assigning roles needs the getRole permission.', 'FORBIDDEN');
  // FOR SHARE keeps the roles from being edited or deleted until the assignment commits.
  const found = await tx.select().from(roles).where(inArray(roles.id, roleIds)).for('share');
  if (found.length !== roleIds.length) return fieldFailure(field, 'One of the chosen roles does not exist.');
  return checkAssignableRoles(actor, found, field) ?? success(found.map(toRole));
}
