import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs, endedSessions, users } from '@/db/schema';
import { endSession } from '@/lib/auth/end-session';
import { changeOwnPassword, signOutEverywhere } from '@/lib/account/operations';
import { authenticate } from '@/lib/auth/authenticate';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { SESSION_ABSOLUTE_SECONDS } from '@/lib/auth/session-rules';
import { updateUser } from '@/lib/users/update-user';
import { seedActor, seedUser } from '../support/fixtures';

const now = () => Math.floor(Date.now() / 1000);

/** A user signed in the way next-auth records it: the claims a session carries. */
async function signedIn() {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const outcome = await authenticate({ email: user.email, password: user.password, ip: '203.0.113.20' });
  if (!outcome.ok) throw new Error(outcome.reason);
  const claims = { sessionVersion: outcome.user.sessionVersion, authAt: now(), sessionId: randomUUID() };
  const actor = (await loadUserActor(user.id, '203.0.113.20', claims))!;
  return { ...user, claims, actor };
}

describe('sessions', () => {
  it('end on the server when signed out: that session only, whatever cookie still carries it', async () => {
    const { id, claims } = await signedIn();
    const elsewhere = { ...claims, sessionId: randomUUID() };
    await endSession(db, claims);
    expect(await loadUserActor(id, null, claims)).toBeNull();
    // The same user's session in another browser goes on.
    expect(await loadUserActor(id, null, elsewhere)).not.toBeNull();
    // A session without an id (issued before ids existed) cannot be ended one by one: it is no longer current.
    expect(await loadUserActor(id, null, { sessionVersion: claims.sessionVersion, authAt: claims.authAt })).toBeNull();
  });

  it('forget ended sessions once their lifetime is over', async () => {
    const { claims } = await signedIn();
    const old = { ...claims, sessionId: randomUUID(), authAt: now() - SESSION_ABSOLUTE_SECONDS - 60 };
    await endSession(db, old);
    await endSession(db, claims);
    const ids = (await db.select({ sessionId: endedSessions.sessionId }).from(endedSessions)).map((row) => row.sessionId);
    expect(ids).toContain(claims.sessionId);
    expect(ids).not.toContain(old.sessionId);
  });

  it('end a day after the password was typed, however active', async () => {
    const { id, claims } = await signedIn();
    expect(await loadUserActor(id, null, { ...claims, authAt: now() - SESSION_ABSOLUTE_SECONDS + 60 })).not.toBeNull();
    expect(await loadUserActor(id, null, { ...claims, authAt: now() - SESSION_ABSOLUTE_SECONDS - 1 })).toBeNull();
    expect(await loadUserActor(id, null, { authAt: now() })).toBeNull();
  });

  it('all end when the user changes their password (with the current one), and the new password signs in', async () => {
    const { id, email, password, claims, actor } = await signedIn();
    expect(
      await changeOwnPassword(actor, {
        currentPassword: 'not it at all',
        newPassword: 'a new password 1',
        confirmPassword: 'a new password 1',
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ['That is not your password.'] },
    });
    expect(await changeOwnPassword(actor, { currentPassword: password, newPassword: 'short', confirmPassword: 'short' })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: expect.any(Array) },
    });
    expect(
      await changeOwnPassword(actor, { currentPassword: password, newPassword: 'a new password 1', confirmPassword: 'another one 22' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: ['The two new passwords are not the same.'] },
    });
    expect(await loadUserActor(id, null, claims)).not.toBeNull();

    expect(
      await changeOwnPassword(actor, { currentPassword: password, newPassword: 'a new password 1', confirmPassword: 'a new password 1' }),
    ).toEqual({ ok: true, data: null });
    expect(await loadUserActor(id, null, claims)).toBeNull();
    expect((await authenticate({ email, password, ip: '203.0.113.21' })).ok).toBe(false);
    const again = await authenticate({ email, password: 'a new password 1', ip: '203.0.113.21' });
    expect(
      again.ok && (await loadUserActor(id, null, { sessionVersion: again.user.sessionVersion, authAt: now(), sessionId: randomUUID() })),
    ).toBeTruthy();
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.action, 'user.change_own_password'));
    expect(entry).toMatchObject({ actorId: id, targetId: id });
    expect(JSON.stringify(entry)).not.toMatch(/new password|argon2/);
  });

  it('all end on "sign out everywhere" (password required), and when an admin resets the password or disables the user', async () => {
    const admin = await seedActor();
    const first = await signedIn();
    expect(await signOutEverywhere(first.actor, { password: 'wrong wrong wrong' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await loadUserActor(first.id, null, first.claims)).not.toBeNull();
    expect((await signOutEverywhere(first.actor, { password: first.password })).ok).toBe(true);
    expect(await loadUserActor(first.id, null, first.claims)).toBeNull();

    const second = await signedIn();
    expect((await updateUser(admin, { id: second.id, name: 'Renamed' })).ok).toBe(true);
    expect(await loadUserActor(second.id, null, second.claims)).not.toBeNull();
    expect((await updateUser(admin, { id: second.id, password: 'reset by admin 1' })).ok).toBe(true);
    expect(await loadUserActor(second.id, null, second.claims)).toBeNull();

    const third = await signedIn();
    expect((await updateUser(admin, { id: third.id, disabled: true })).ok).toBe(true);
    expect((await updateUser(admin, { id: third.id, disabled: false })).ok).toBe(true);
    // Enabled again, the old session stays ended.
    expect(await loadUserActor(third.id, null, third.claims)).toBeNull();
    const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, third.id));
    expect(row!.version).toBe(1);
  });
});
