import type { Actor } from '@/lib/auth/actor';
import { describeGrant, missingGrant } from '@/lib/auth/authorize';
import type { Grant } from '@/lib/auth/permissions';
import { failure, isUniqueViolation, type Failure } from '@/lib/errors';

/** A role may only contain grants its author holds, or a role editor could hand itself anything. */
export function checkGrantsHeld(actor: Actor, grants: readonly Grant[]): Failure | null {
  const lacking = missingGrant(actor, grants);
  if (!lacking) return null;
  const message = `You cannot grant ${describeGrant(lacking)}: you do not hold it yourself.`;
  return failure('FORBIDDEN', message, { grants: [message] });
}

export function duplicateRoleName(error: unknown, name: string): Failure | null {
  if (!isUniqueViolation(error)) return null;
  const message = `A role named “${name}” already exists.`;
  return failure('CONFLICT', message, { name: [message] });
}
