import { describe, expect, it } from 'vitest';
import { authorize, checkAccessName, missingGrant } from '@/lib/auth/authorize';
import { checkAssignableRoles } from '@/lib/auth/escalation';
import { checkPattern } from '@/lib/auth/name-pattern';
import { actorWith } from '../support/fixtures';

describe('authorize', () => {
  it('allows a held permission and refuses a missing one, naming it', () => {
    const actor = actorWith('getRole');
    expect(authorize(actor, 'getRole')).toBeNull();
    expect(authorize(actor, 'createRole')).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('createRole') });
  });
});

describe('Access Name patterns', () => {
  it('requires a full match, not a substring match', () => {
    const actor = actorWith({ permission: 'createApiAccess', accessNamePattern: 'ci-[a-z]+' });
    expect(checkAccessName(actor, 'ci-deploy')).toBeNull();
    expect(checkAccessName(actor, 'prod-ci-deploy')).toMatchObject({ code: 'FORBIDDEN' });
    expect(checkAccessName(actor, 'ci-deploy-2')?.message).toContain('ci-[a-z]+');
  });

  it('passes when any one grant allows the name, and always when a grant has no pattern', () => {
    const two = actorWith(
      { permission: 'createApiAccess', accessNamePattern: 'ci-.*' },
      { permission: 'createApiAccess', accessNamePattern: 'qa-.*' },
    );
    expect(checkAccessName(two, 'qa-1')).toBeNull();
    expect(checkAccessName(two, 'prod-1')?.message).toMatch(/ci-\.\*.*qa-\.\*/);
    const unconstrained = actorWith({ permission: 'createApiAccess', accessNamePattern: 'ci-.*' }, 'createApiAccess');
    expect(checkAccessName(unconstrained, 'anything')).toBeNull();
  });

  it('refuses invalid and backtracking-only syntax with a message', () => {
    expect(checkPattern('ci-[')).toMatchObject({ ok: false, message: expect.stringContaining('Invalid regular expression') });
    expect(checkPattern('(a)\\1')).toMatchObject({ ok: false });
    expect(checkPattern('ci-[a-z0-9-]+')).toEqual({ ok: true });
  });

  it('runs a classic catastrophic pattern in linear time', () => {
    const actor = actorWith({ permission: 'createApiAccess', accessNamePattern: '(a+)+$' });
    // On a backtracking engine this input takes minutes; RE2 answers at once.
    expect(checkAccessName(actor, `${'a'.repeat(60)}!`)).not.toBeNull();
  });
});

describe('no escalation', () => {
  const holder = actorWith('getRole', { permission: 'createApiAccess', accessNamePattern: 'ci-.*' });

  it('lets an actor hand out only grants it holds, with the same pattern', () => {
    expect(missingGrant(holder, [{ permission: 'getRole' }])).toBeUndefined();
    expect(missingGrant(holder, [{ permission: 'createApiAccess', accessNamePattern: 'ci-.*' }])).toBeUndefined();
    expect(missingGrant(holder, [{ permission: 'createApiAccess' }])).toEqual({ permission: 'createApiAccess' });
    expect(missingGrant(holder, [{ permission: 'createApiAccess', accessNamePattern: '.*' }])).toBeDefined();
    expect(missingGrant(holder, [{ permission: 'deleteRole' }])).toBeDefined();
  });

  it('an unconstrained grant covers any pattern', () => {
    expect(missingGrant(actorWith('createApiAccess'), [{ permission: 'createApiAccess', accessNamePattern: 'x' }])).toBeUndefined();
  });

  it('names the role and the grant that would escalate', () => {
    const failure = checkAssignableRoles(holder, [{ name: 'Deployer', grants: [{ permission: 'deleteApiAccess' }] }]);
    expect(failure?.message).toBe('You cannot assign Deployer: it grants deleteApiAccess, which you do not hold.');
  });
});
