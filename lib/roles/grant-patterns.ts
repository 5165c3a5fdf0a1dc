import { checkPatterns } from '@/lib/auth/name-pattern';
import type { Grant } from '@/lib/auth/permissions';
import { failure, type Failure } from '@/lib/errors';

/**
 * The grants' name patterns, compiled and sized (lib/auth/name-pattern.ts). Only an operation
 * calls this, after the actor's permission, the no-escalation rule and the role's existence are
 * checked: compiling is the one costly step of saving a role, so nobody who may not save it pays
 * for it. Errors sit on the pattern's own field, as zod's would.
 */
export async function checkGrantPatterns(grants: readonly Grant[]): Promise<Failure | null> {
  const withPattern = grants.flatMap((grant, index) => (grant.accessNamePattern ? [{ index, pattern: grant.accessNamePattern }] : []));
  const checks = await checkPatterns(withPattern.map(({ pattern }) => pattern));
  const fieldErrors: Record<string, string[]> = {};
  checks.forEach((check, i) => {
    if (!check.ok) fieldErrors[`grants.${withPattern[i]!.index}.accessNamePattern`] = [check.message];
  });
  return Object.keys(fieldErrors).length ? failure('VALIDATION', 'Some fields need attention.', fieldErrors) : null;
}
