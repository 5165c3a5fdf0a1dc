import { failure, isUniqueViolation, type Failure } from '@/lib/errors';

export function duplicateRoleName(error: unknown, name: string): Failure | null {
  if (!isUniqueViolation(error)) return null;
  const message = `A role named “${name}” already exists.`;
  return failure('CONFLICT', message, { name: [message] });
}
