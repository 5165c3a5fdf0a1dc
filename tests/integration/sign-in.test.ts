import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs, roles, signInFailures, userRoles, users } from '@/db/schema';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import { authenticate } from '@/lib/auth/authenticate';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { SIGN_IN_LIMIT } from '@/lib/auth/throttle';
import { signInWithSso } from '@/lib/auth/sso/sign-in';
import { ensureFirstAdmin } from '@/lib/users/bootstrap';
import { roleId, seedUser } from '../support/fixtures';

const ip = (n: number) => `198.51.100.${n}`;

describe('authenticate', () => {
  it('accepts the right password, with the email in any case', async () => {
    const user = await seedUser({ email: 'casey@example.com' });
    const outcome = await authenticate({ email: 'casey@example.com', password: user.password, ip: ip(1) });
    expect(outcome).toEqual({
      ok: true,
      user: { id: user.id, email: 'casey@example.com', name: 'casey', sessionVersion: 0, twoFactor: false },
    });
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const user = await seedUser();
    expect(await authenticate({ email: user.email, password: 'wrong password!', ip: ip(2) })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ email: 'nobody@example.com', password: 'whatever', ip: ip(2) })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a disabled user, but only tells them with the right password', async () => {
    const user = await seedUser({ disabled: true });
    expect(await authenticate({ email: user.email, password: 'nope', ip: ip(3) })).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticate({ email: user.email, password: user.password, ip: ip(3) })).toEqual({ ok: false, reason: 'disabled' });
  });

  it(`throttles an (email, IP) pair after ${SIGN_IN_LIMIT.perEmailAndIp} failures, but never the owner signing in from elsewhere`, async () => {
    const user = await seedUser();
    for (let i = 0; i < SIGN_IN_LIMIT.perEmailAndIp; i++) {
      expect(await authenticate({ email: user.email, password: `guess ${i}`, ip: ip(10) })).toEqual({ ok: false, reason: 'invalid' });
    }
    // The guesser is stopped, even when it finds the password…
    expect(await authenticate({ email: user.email, password: user.password, ip: ip(10) })).toEqual({ ok: false, reason: 'throttled' });
    // …the owner, elsewhere, is not; and their success does not forgive the guesser.
    expect((await authenticate({ email: user.email, password: user.password, ip: ip(11) })).ok).toBe(true);
    expect(await authenticate({ email: user.email, password: 'one more guess', ip: ip(10) })).toEqual({ ok: false, reason: 'throttled' });
  });

  it('holds the limit against parallel guesses', async () => {
    const user = await seedUser();
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, (_, i) => authenticate({ email: user.email, password: `parallel ${i}`, ip: ip(60) })),
    );
    // At most 10 passwords get checked; racing attempts may all be refused, never more let through.
    const checked = outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'invalid').length;
    const throttled = outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'throttled').length;
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMIT.perEmailAndIp);
    expect(checked + throttled).toBe(15);
  });

  it(`throttles an IP that guesses across many emails after ${SIGN_IN_LIMIT.perIp} failures`, async () => {
    const victim = await seedUser();
    for (let batch = 0; batch < SIGN_IN_LIMIT.perIp; batch += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => authenticate({ email: `someone${batch + i}@example.com`, password: 'guess', ip: ip(50) })),
      );
    }
    expect(await authenticate({ email: victim.email, password: victim.password, ip: ip(50) })).toEqual({ ok: false, reason: 'throttled' });
    expect((await authenticate({ email: victim.email, password: victim.password, ip: ip(51) })).ok).toBe(true);
  }, 60_000);
});

describe('sign-in events', () => {
  it('are in the audit log, success and failure, with the email typed, IP and user agent, never the password', async () => {
    const user = await seedUser();
    await authenticate({ email: user.email, password: 'a wrong guess 123', ip: ip(120), userAgent: 'Guesser/1.0' });
    await authenticate({ email: user.email, password: user.password, ip: ip(121), userAgent: 'Browser/2.0' });
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.targetName, user.email)).orderBy(auditLogs.id);
    expect(entries.map((entry) => [entry.action, entry.actorKind, entry.ip, entry.userAgent])).toEqual([
      ['auth.sign_in_refused', 'anonymous', ip(120), 'Guesser/1.0'],
      ['auth.sign_in', 'user', ip(121), 'Browser/2.0'],
    ]);
    expect(entries.map((entry) => entry.changes.after)).toEqual([{ method: 'password', reason: 'invalid' }, { method: 'password' }]);
    expect(JSON.stringify(entries)).not.toContain('a wrong guess');
    expect(JSON.stringify(entries)).not.toContain(user.password);
  });
});

describe('a flood of guesses from one address (security probe, finding 7)', () => {
  it('writes one audit entry and one failure row per checked password, and counts the throttled ones in one entry', async () => {
    const user = await seedUser();
    const address = ip(140);
    for (let i = 0; i < 150; i++) await authenticate({ email: user.email, password: `flood ${i}`, ip: address, userAgent: 'Flood/1.0' });
    await flushBatchedAudit();
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.ip, address)).orderBy(auditLogs.id);
    const refused = entries.filter((entry) => entry.action === 'auth.sign_in_refused');
    expect(refused.filter((entry) => (entry.changes.after as { reason: string }).reason === 'invalid')).toHaveLength(
      SIGN_IN_LIMIT.perEmailAndIp,
    );
    const throttled = refused.filter((entry) => (entry.changes.after as { reason: string }).reason === 'throttled');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({
      actorKind: 'anonymous',
      userAgent: 'Flood/1.0',
      changes: { after: { reason: 'throttled', count: 150 - SIGN_IN_LIMIT.perEmailAndIp, emails: [user.email] } },
    });
    const failures = await db.select().from(signInFailures).where(eq(signInFailures.ip, address));
    expect(failures).toHaveLength(SIGN_IN_LIMIT.perEmailAndIp);
    // Still throttled: the refusals are counted, not forgotten.
    expect(await authenticate({ email: user.email, password: user.password, ip: address })).toEqual({ ok: false, reason: 'throttled' });
  }, 60_000);
});

describe('single sign-on', () => {
  const context = { ip: ip(150), userAgent: 'Browser/3.0', requestId: 'sso-request' };
  const refusals = async (email: string) =>
    (await db.select().from(auditLogs).where(eq(auditLogs.targetName, email)).orderBy(auditLogs.id)).map((entry) => [
      entry.action,
      entry.actorKind,
      entry.changes.after,
    ]);

  it('signs in the enabled user of the verified email, in any case, with the second factor passed by SSO, audited as oidc', async () => {
    const user = await seedUser({ email: 'sso.casey@example.com' });
    expect(await signInWithSso({ email: 'sso.casey@example.com', verified: true }, context)).toEqual({
      ok: true,
      user: {
        id: user.id,
        email: 'sso.casey@example.com',
        name: 'sso.casey',
        sessionVersion: 0,
        secondFactor: 'sso',
        providerAuthAt: expect.any(Number),
      },
    });
    // Recent sign-in counts from the provider's own authentication (its auth_time), never from the future.
    const now = Math.floor(Date.now() / 1000);
    const earlier = await signInWithSso({ email: user.email, verified: true, authenticatedAt: now - 3600 }, context);
    expect(earlier.ok && earlier.user.providerAuthAt).toBe(now - 3600);
    const later = await signInWithSso({ email: user.email, verified: true, authenticatedAt: now + 3600 }, context);
    expect(later.ok && later.user.providerAuthAt).toBeLessThanOrEqual(now + 5);
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.targetId, user.id));
    expect(entry).toMatchObject({
      action: 'auth.sign_in',
      actorId: user.id,
      ip: ip(150),
      userAgent: 'Browser/3.0',
      changes: { after: { method: 'oidc' } },
    });
    // The provider's email in another case is the same person (emails are matched in lower case).
    await db.update(users).set({ email: 'SSO.Casey@Example.com' }).where(eq(users.id, user.id));
    expect(await signInWithSso({ email: 'sso.casey@example.com', verified: true }, context)).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
  });

  it('refuses an unverified email, an unknown one and a disabled user, each audited with why; nobody is created', async () => {
    const known = await seedUser({ email: 'sso.known@example.com' });
    const disabled = await seedUser({ email: 'sso.disabled@example.com', disabled: true });
    const usersBefore = await db.$count(users);
    expect(await signInWithSso({ email: known.email, verified: false }, context)).toEqual({ ok: false, reason: 'unverified' });
    expect(await signInWithSso(null, context)).toEqual({ ok: false, reason: 'unverified' });
    expect(await signInWithSso({ email: 'sso.stranger@example.com', verified: true }, context)).toEqual({ ok: false, reason: 'unknown' });
    expect(await signInWithSso({ email: disabled.email, verified: true }, context)).toEqual({ ok: false, reason: 'disabled' });
    expect(await db.$count(users)).toBe(usersBefore);
    expect(await refusals(known.email)).toEqual([['auth.sign_in_refused', 'anonymous', { method: 'oidc', reason: 'unverified' }]]);
    expect(await refusals('sso.stranger@example.com')).toEqual([
      ['auth.sign_in_refused', 'anonymous', { method: 'oidc', reason: 'unknown' }],
    ]);
    expect(await refusals(disabled.email)).toEqual([['auth.sign_in_refused', 'anonymous', { method: 'oidc', reason: 'disabled' }]]);
  });
});

describe('the session is checked against the database on every request', () => {
  it('sees a disabled, deleted or re-roled user at once', async () => {
    const user = await seedUser({ roleNames: ['ADMIN'] });
    const before = await loadUserActor(user.id, null);
    expect(before?.grants.map((g) => g.permission)).toContain('deleteUser');

    await db.delete(userRoles).where(eq(userRoles.userId, user.id));
    await db.insert(userRoles).values({ userId: user.id, roleId: await roleId('READ_ONLY') });
    const demoted = await loadUserActor(user.id, null);
    expect(demoted?.roleNames).toEqual(['READ_ONLY']);
    expect(demoted?.grants.map((g) => g.permission)).not.toContain('deleteUser');

    await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await loadUserActor(user.id, null)).toBeNull();
    await db.delete(users).where(eq(users.id, user.id));
    expect(await loadUserActor(user.id, null)).toBeNull();
  });
});

describe('first start', () => {
  it('creates the admin once, only when there are no users', async () => {
    await db.delete(users);
    const created = await ensureFirstAdmin(db, { email: 'Root@Example.com' });
    expect(created).toMatchObject({ email: 'root@example.com', generated: true });
    expect(created!.password.length).toBeGreaterThanOrEqual(20);
    expect(await authenticate({ email: 'root@example.com', password: created!.password, ip: ip(7) })).toMatchObject({ ok: true });
    expect(await ensureFirstAdmin(db, { email: 'other@example.com', password: 'x'.repeat(12) })).toBeNull();
    const admins = await db.select().from(userRoles).innerJoin(roles, eq(roles.id, userRoles.roleId)).where(eq(roles.name, 'ADMIN'));
    expect(admins).toHaveLength(1);
  });
});
