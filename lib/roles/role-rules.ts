import { failure, type Failure } from '@/lib/errors';

/** What a unique violation of a role's name means (the unit of work maps it). */
export function duplicateRoleName(name: string): Failure {
  const message = `A role named “${name}” already exists.`;
  return failure('CONFLICT', message, { name: [message] });
}
