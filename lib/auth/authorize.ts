import { failure, type Failure } from '@/lib/errors';
import type { Actor } from './actor';
import { fullyMatches } from './name-pattern';
import type { Grant, KeyReachPermission, PatternPermission, Permission } from './permissions';

export const hasPermission = (actor: Pick<Actor, 'grants'>, permission: Permission) =>
  actor.grants.some((grant) => grant.permission === permission);

/** The one permission gate every operation passes through. */
export function authorize(actor: Actor, permission: Permission): Failure | null {
  if (hasPermission(actor, permission)) return null;
  return failure('FORBIDDEN', `You do not have the ${permission} permission.`);
}

/**
 * The Access Name rule: allowed when any createApiAccess grant has no pattern,
 * or when the name fully matches one of the patterns.
 */
export function checkAccessName(actor: Pick<Actor, 'grants'>, name: string): Failure | null {
  const grants = actor.grants.filter((grant) => grant.permission === 'createApiAccess');
  if (grants.length === 0) return failure('FORBIDDEN', 'You do not have the createApiAccess permission.');
  const patterns = accessNamePatterns(actor);
  if (patterns.length === 0) return null;
  if (patterns.some((pattern) => fullyMatches(pattern, name))) return null;
  const message = `The name must fully match ${quoted(patterns)}.`;
  return failure('FORBIDDEN', message, { name: [message] });
}

/** True when `held` covers `wanted`: same permission, and the same pattern or none on the holder's side. */
const covers = (held: Grant, wanted: Grant) =>
  held.permission === wanted.permission && (!held.accessNamePattern || held.accessNamePattern === wanted.accessNamePattern);

export const holdsGrant = (actor: Pick<Actor, 'grants'>, wanted: Grant) => actor.grants.some((held) => covers(held, wanted));

/**
 * No escalation: an actor may hand out (or put into a role) only grants it holds itself.
 * Returns the first grant the actor lacks, if any.
 */
export function missingGrant(actor: Pick<Actor, 'grants'>, grants: readonly Grant[]): Grant | undefined {
  return grants.find((grant) => !holdsGrant(actor, grant));
}

export const describeGrant = (grant: Grant) =>
  grant.accessNamePattern ? `${grant.permission} (pattern “${grant.accessNamePattern}”)` : grant.permission;

/** The patterns of an actor's grants of `permission`; empty when any of them is unconstrained (or there is none). */
export function namePatternsOf(actor: Pick<Actor, 'grants'>, permission: PatternPermission): string[] {
  const grants = actor.grants.filter((grant) => grant.permission === permission);
  if (grants.some((grant) => !grant.accessNamePattern)) return [];
  return grants.map((grant) => grant.accessNamePattern as string);
}

/** The patterns an actor's Access Names must match; empty when any createApiAccess grant is unconstrained (or there is none). */
export const accessNamePatterns = (actor: Pick<Actor, 'grants'>) => namePatternsOf(actor, 'createApiAccess');

const quoted = (patterns: string[]) => patterns.map((pattern) => `“${pattern}”`).join(' or ');

/**
 * Team scoping: a grant of `permission` with a pattern reaches only the keys whose name fully
 * matches it; a grant without one reaches every key. The permission itself is checked first.
 */
export function checkReach(actor: Pick<Actor, 'grants'>, permission: KeyReachPermission, name: string): Failure | null {
  const patterns = namePatternsOf(actor, permission);
  if (patterns.length === 0 || patterns.some((pattern) => fullyMatches(pattern, name))) return null;
  return failure(
    'FORBIDDEN',
    `Your ${permission} permission reaches only keys whose name fully matches ${quoted(patterns)}; “${name}” does not.`,
  );
}

/**
 * A rename keeps a key within the reach of the grant that allowed the edit: some pattern of the
 * actor's `permission` grants must fully match both names, so `team-a-x` cannot become
 * `team-b-x` on a `team-a-.*` grant, whatever other grants the actor holds.
 */
export function checkRenameInReach(actor: Pick<Actor, 'grants'>, permission: KeyReachPermission, from: string, to: string): Failure | null {
  const patterns = namePatternsOf(actor, permission).filter((pattern) => fullyMatches(pattern, from));
  if (patterns.length === 0 || patterns.some((pattern) => fullyMatches(pattern, to))) return null;
  const message = `Your ${permission} permission reaches this key through ${quoted(patterns)}: the new name must fully match it too.`;
  return failure('FORBIDDEN', message, { name: [message] });
}
