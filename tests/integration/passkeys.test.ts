import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs, passkeys } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { checkSignInPasskey } from '@/lib/passkeys/check-sign-in-passkey';
import { finishPasskeyRegistration } from '@/lib/passkeys/finish-registration';
import { removePasskey } from '@/lib/passkeys/remove-passkey';
import { renamePasskey } from '@/lib/passkeys/rename-passkey';
import { passkeySignInOptions } from '@/lib/passkeys/sign-in-options';
import { startPasskeyRegistration } from '@/lib/passkeys/start-registration';
import { checkSignInCode } from '@/lib/two-factor/check-sign-in-code';
import { confirmTotpEnrolment } from '@/lib/two-factor/confirm-enrolment';
import { disableTwoFactor } from '@/lib/two-factor/disable-two-factor';
import { resetTwoFactor } from '@/lib/two-factor/reset-two-factor';
import { startTotpEnrolment } from '@/lib/two-factor/start-enrolment';
import type { Self } from '@/lib/two-factor/self';
import { replaceRecoveryCodes, twoFactorStatus } from '@/lib/two-factor/store';
import { seedActor, seedUser } from '../support/fixtures';
import { softwareAuthenticator } from '../support/software-authenticator';
import { asOwner } from '../support/as-owner';
import { untilSettledOrWaitingForALock, whileUserRowLocked } from '../support/user-row-lock';

const ORIGIN = 'https://keygate.example.com';

beforeAll(() => {
  process.env.AUTH_SECRET = 'passkeys-test-secret-0123456789abcdef';
  process.env.APP_URL = ORIGIN;
});

/** The pending sign-in's request: its session asks for the options and answers them. */
const request = { ip: '198.51.100.40', userAgent: 'vitest', sessionId: randomUUID() };

async function signInOptions(user: Self, on = request) {
  const outcome = await passkeySignInOptions(user, on);
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.options;
}

async function self(): Promise<Self & { password: string }> {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  return { ...((await loadUserActor(user.id, '203.0.113.40')) as Self), password: user.password };
}

/** A user who added a passkey (held by `key`) on the Account page, in the session `sessionId`. */
async function withPasskey(name = 'Laptop', sessionId = randomUUID()) {
  const actor = await self();
  const key = softwareAuthenticator();
  const started = await startPasskeyRegistration(actor, { name }, sessionId);
  if (!started.ok) throw new Error(started.message);
  expect(started.data.options.rp.id).toBe('keygate.example.com');
  const finished = await finishPasskeyRegistration(
    actor,
    { name, response: JSON.stringify(key.register(started.data.options, ORIGIN)) },
    sessionId,
  );
  if (!finished.ok) throw new Error(finished.message);
  return { actor, key, recoveryCodes: finished.data.recoveryCodes, sessionId };
}

const stored = async (userId: string) => db.select().from(passkeys).where(eq(passkeys.userId, userId));
const entries = (userId: string, action: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.targetId, userId), eq(auditLogs.action, action)));

describe('passkeys', () => {
  it('a first passkey turns two-factor on with ten recovery codes; it signs in, and its session goes on', async () => {
    const { actor, key, recoveryCodes, sessionId } = await withPasskey();
    expect(recoveryCodes).toHaveLength(10);
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: true, totp: false, passkeyCount: 1, recoveryCodesLeft: 10 });
    expect(await entries(actor.id, 'user.passkeyRegister')).toHaveLength(1);
    expect((await entries(actor.id, 'user.twoFactorEnable'))[0]!.changes.after).toEqual({ method: 'passkey' });
    // The session that registered it goes on; another session from before does not.
    const claims = { sessionVersion: 0, authAt: Math.floor(Date.now() / 1000), sessionId };
    expect(await loadUserActor(actor.id, null, claims)).not.toBeNull();
    expect(await loadUserActor(actor.id, null, { ...claims, sessionId: randomUUID() })).toBeNull();

    // A second passkey: no new codes (the first ones stand).
    const second = softwareAuthenticator();
    const started = await startPasskeyRegistration(actor, { name: 'YubiKey' }, sessionId);
    const finished = await finishPasskeyRegistration(
      actor,
      { name: 'YubiKey', response: JSON.stringify(second.register(started.ok ? started.data.options : ({} as never), ORIGIN)) },
      sessionId,
    );
    expect(finished).toEqual({ ok: true, data: { recoveryCodes: null } });

    const options = await signInOptions(actor);
    expect(options.allowCredentials!.map((c) => c.id).sort()).toEqual([key.id, second.id].sort());
    expect(options.userVerification).toBe('preferred');
    expect(await checkSignInPasskey(actor, JSON.stringify(key.assert(options, ORIGIN)), request)).toEqual({ ok: true, passkey: 'Laptop' });
    const [row] = (await stored(actor.id)).filter((p) => p.credentialId === key.id);
    expect(row).toMatchObject({ counter: 1, lastUsedAt: expect.any(Date) });
    expect((await entries(actor.id, 'auth.secondFactor'))[0]!.changes.after).toEqual({ method: 'passkey', passkey: 'Laptop' });
    // A recovery code still works beside passkeys.
    expect(await checkSignInCode(actor, recoveryCodes![0]!, request)).toMatchObject({ ok: true, method: 'recoveryCode' });
  });

  it('refuses a replayed, forged, cloned or foreign answer, and a challenge of another user; nothing changes', async () => {
    const { actor, key } = await withPasskey();
    const other = await withPasskey();
    const before = await stored(actor.id);
    const refused = { ok: false, reason: 'wrong' };

    // Replay: the answer that passed once is refused the second time (its challenge is spent).
    const options = await signInOptions(actor);
    const answer = JSON.stringify(key.assert(options, ORIGIN));
    expect(await checkSignInPasskey(actor, answer, request)).toMatchObject({ ok: true });
    const afterFirst = await stored(actor.id);
    expect(await checkSignInPasskey(actor, answer, request)).toEqual({ ok: false, reason: 'expired' });
    // …and even with a fresh challenge of this user, an answer signed for the old one.
    await signInOptions(actor);
    expect(await checkSignInPasskey(actor, answer, request)).toEqual(refused);

    // Another user's challenge, answered with this user's key: refused.
    const theirs = await signInOptions(other.actor);
    await signInOptions(actor);
    expect(await checkSignInPasskey(actor, JSON.stringify(key.assert(theirs, ORIGIN)), request)).toEqual(refused);
    // Another user's passkey for this user's challenge: not a passkey of theirs.
    const mine = await signInOptions(actor);
    expect(await checkSignInPasskey(actor, JSON.stringify(other.key.assert(mine, ORIGIN)), request)).toEqual(refused);

    // Forged: a signature made by another key; an answer from another origin (a phishing copy).
    const forged = JSON.parse(JSON.stringify(key.assert(await signInOptions(actor), ORIGIN)));
    const stranger = softwareAuthenticator();
    forged.response.signature = stranger.assert({ challenge: 'x', rpId: 'keygate.example.com' }, ORIGIN).response.signature;
    expect(await checkSignInPasskey(actor, JSON.stringify(forged), request)).toEqual(refused);
    const phished = key.assert(await signInOptions(actor), 'https://keygate.example.com.evil.test');
    expect(await checkSignInPasskey(actor, JSON.stringify(phished), request)).toEqual(refused);

    // A clone: a valid signature whose counter does not move forward.
    key.setCounter(0);
    expect(await checkSignInPasskey(actor, JSON.stringify(key.assert(await signInOptions(actor), ORIGIN)), request)).toEqual(refused);
    // Not JSON at all, or no challenge asked for.
    await signInOptions(actor);
    expect(await checkSignInPasskey(actor, '{"id": 1', request)).toEqual(refused);
    expect(await checkSignInPasskey(actor, answer, request)).toEqual({ ok: false, reason: 'expired' });

    // Only the one good answer changed anything.
    expect(afterFirst[0]!.counter).toBe(before[0]!.counter + 1);
    expect(await stored(actor.id)).toEqual(afterFirst);
    expect(await stored(other.actor.id)).toHaveLength(1);
    expect((await stored(other.actor.id))[0]!.counter).toBe(0);
    const refusals = await entries(actor.id, 'auth.secondFactorRefused');
    expect(refusals.map((entry) => entry.changes.after?.method)).toEqual(Array(9).fill('passkey'));
  });

  it('a challenge is its session’s: another tab or pending sign-in of the same user neither replaces nor answers it', async () => {
    const { actor, key, sessionId } = await withPasskey();
    const owner = { ...request, sessionId: randomUUID() };
    const intruder = { ...request, ip: '198.51.100.41', sessionId: randomUUID() };
    const ownersOptions = (await passkeySignInOptions(actor, owner)) as { ok: true; options: { challenge: string } };
    // Someone who knows the password signs in again and asks for a passkey: the owner's challenge stands.
    expect(await passkeySignInOptions(actor, intruder)).toMatchObject({ ok: true });
    const answer = JSON.stringify(key.assert(ownersOptions.options, ORIGIN));
    expect(await checkSignInPasskey(actor, answer, intruder)).toEqual({ ok: false, reason: 'wrong' });
    expect(await checkSignInPasskey(actor, answer, owner)).toEqual({ ok: true, passkey: 'Laptop' });

    // Adding a passkey: the answer counts only in the session that asked.
    const started = await startPasskeyRegistration(actor, { name: 'Phone' }, sessionId);
    if (!started.ok) throw new Error(started.message);
    const response = JSON.stringify(softwareAuthenticator().register(started.data.options, ORIGIN));
    expect(await finishPasskeyRegistration(actor, { name: 'Phone', response }, randomUUID())).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    expect(await startPasskeyRegistration(actor, { name: 'Phone' }, undefined)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('asking for a passkey is throttled per user and IP; passing the second factor forgives the asks', async () => {
    const { actor, recoveryCodes } = await withPasskey();
    const asking = { ...request, ip: '198.51.100.42' };
    for (let i = 0; i < 10; i++) expect(await passkeySignInOptions(actor, asking)).toMatchObject({ ok: true });
    expect(await passkeySignInOptions(actor, asking)).toEqual({ ok: false, reason: 'throttled' });
    // Not the owner's other address, nor the attempts at a code.
    expect(await passkeySignInOptions(actor, { ...asking, ip: '198.51.100.43' })).toMatchObject({ ok: true });
    expect(await checkSignInCode(actor, recoveryCodes![0]!, asking)).toMatchObject({ ok: true });
    expect(await passkeySignInOptions(actor, asking)).toMatchObject({ ok: true });
  });

  it('a passkey or a recovery code is used only together with its audit entry', async () => {
    const { actor, key, recoveryCodes } = await withPasskey();
    const answer = JSON.stringify(key.assert(await signInOptions(actor), ORIGIN));
    // The audit log held by someone else: each sign-in waits to write its entry, and until then nothing of it shows.
    const seen = await asOwner((sql) =>
      sql.begin(async (owner) => {
        await owner`lock table audit_logs in exclusive mode`;
        const byPasskey = checkSignInPasskey(actor, answer, request);
        const byCode = checkSignInCode(actor, recoveryCodes![0]!, request);
        await untilSettledOrWaitingForALock(Promise.all([byPasskey, byCode]), 2);
        const whileWaiting = { counter: (await stored(actor.id))[0]!.counter, status: await twoFactorStatus(actor.id) };
        return { whileWaiting, signedIn: Promise.all([byPasskey, byCode]) };
      }),
    );
    expect(seen.whileWaiting).toMatchObject({ counter: 0, status: { recoveryCodesLeft: 10 } });
    expect(await seen.signedIn).toMatchObject([{ ok: true }, { ok: true }]);
    expect((await stored(actor.id))[0]!.counter).toBe(1);
    expect(await entries(actor.id, 'auth.secondFactor')).toHaveLength(2);
  });

  it('renames; removing the last second factor takes the password and turns two-factor off', async () => {
    const { actor } = await withPasskey('Old name');
    const [row] = await stored(actor.id);
    expect(await renamePasskey(actor, { id: row!.id, name: '  Phone  ' })).toEqual({ ok: true, data: { id: row!.id } });
    expect(await renamePasskey(actor, { id: row!.id, name: '' })).toMatchObject({ ok: false, code: 'VALIDATION' });
    // Someone else's passkey is not theirs to rename or remove.
    const stranger = await self();
    expect(await renamePasskey(stranger, { id: row!.id, name: 'Mine' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await removePasskey(stranger, { id: row!.id, password: stranger.password })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await stored(actor.id))[0]!.name).toBe('Phone');
    expect((await entries(actor.id, 'user.passkeyRename'))[0]!.changes).toEqual({
      before: { passkey: 'Old name' },
      after: { passkey: 'Phone' },
    });

    expect(await removePasskey(actor, { id: row!.id })).toMatchObject({
      ok: false,
      fieldErrors: { password: [expect.stringContaining('last second factor')] },
    });
    expect(await removePasskey(actor, { id: row!.id, password: 'not my password' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await stored(actor.id)).toHaveLength(1);
    expect(await removePasskey(actor, { id: row!.id, password: actor.password })).toEqual({ ok: true, data: { lastFactor: true } });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: false, passkeyCount: 0, recoveryCodesLeft: 0 });
    expect(await entries(actor.id, 'user.passkeyRemove')).toHaveLength(1);
    expect(await entries(actor.id, 'user.twoFactorDisable')).toHaveLength(1);
  });

  it('removing the last passkey checks the password once: not again when the form’s recent sign-in check just did', async () => {
    const { actor } = await withPasskey();
    const [row] = await stored(actor.id);
    expect(await removePasskey(actor, { id: row!.id }, { passwordConfirmed: true })).toEqual({ ok: true, data: { lastFactor: true } });
    expect(await entries(actor.id, 'auth.confirm_password')).toEqual([]);
  });

  it('turning two-factor off waits for a passkey being added at that moment, and removes it too', async () => {
    const { actor } = await withPasskey();
    // A registration holding the user's row adds a second passkey while "Turn off two-factor" runs.
    const off = await whileUserRowLocked(
      actor.id,
      () => disableTwoFactor(actor, { password: actor.password }),
      async (tx) => {
        await tx.insert(passkeys).values({ userId: actor.id, name: 'Racing', credentialId: `racing-${randomUUID()}`, publicKey: 'x' });
      },
    );
    expect(off).toEqual({ ok: true, data: null });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: false, passkeyCount: 0, recoveryCodesLeft: 0 });
  });

  it("an administrator's reset waits for a passkey being added at that moment, and removes it too", async () => {
    const { actor } = await withPasskey();
    const admin = await seedActor();
    const reset = await whileUserRowLocked(
      actor.id,
      () => resetTwoFactor(admin, { id: actor.id }),
      async (tx) => {
        await tx.insert(passkeys).values({ userId: actor.id, name: 'Racing', credentialId: `racing-${randomUUID()}`, publicKey: 'x' });
      },
    );
    expect(reset).toEqual({ ok: true, data: { id: actor.id } });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: false, passkeyCount: 0, recoveryCodesLeft: 0 });
  });

  it('of two first passkeys added at once, only one turns two-factor on', async () => {
    const actor = await self();
    const key = softwareAuthenticator();
    const sessionId = randomUUID();
    const started = await startPasskeyRegistration(actor, { name: 'Laptop' }, sessionId);
    if (!started.ok) throw new Error(started.message);
    const response = JSON.stringify(key.register(started.data.options, ORIGIN));
    // Another registration, holding the user's row, is the first: it makes the codes.
    const finished = await whileUserRowLocked(
      actor.id,
      () => finishPasskeyRegistration(actor, { name: 'Laptop', response }, sessionId),
      async (tx) => {
        await tx.insert(passkeys).values({ userId: actor.id, name: 'Racing', credentialId: `racing-${randomUUID()}`, publicKey: 'x' });
        await replaceRecoveryCodes(tx, actor.id);
        await recordAudit(tx, actor, { action: 'user.twoFactorEnable', targetId: actor.id, targetName: actor.email });
      },
    );
    expect(finished).toEqual({ ok: true, data: { recoveryCodes: null } });
    expect(await entries(actor.id, 'user.twoFactorEnable')).toHaveLength(1);
  });

  it('an authenticator app confirmed while a first passkey is being added is not a second "first" factor', async () => {
    const actor = await self();
    await startTotpEnrolment(actor);
    const secret = (await twoFactorStatus(actor.id)).pendingSecret!;
    const code = TOTP.generate({ secret: Secret.fromBase32(secret) });
    let shownWithPasskey: string[] = [];
    // A first passkey's registration holds the user's row: it turns two-factor on, with its codes.
    const confirmed = await whileUserRowLocked(
      actor.id,
      () => confirmTotpEnrolment(actor, { code }, undefined),
      async (tx) => {
        await tx.insert(passkeys).values({ userId: actor.id, name: 'Racing', credentialId: `racing-${randomUUID()}`, publicKey: 'x' });
        shownWithPasskey = await replaceRecoveryCodes(tx, actor.id);
        await recordAudit(tx, actor, { action: 'user.twoFactorEnable', targetId: actor.id, targetName: actor.email });
      },
    );
    // The app came second: no codes of its own (the passkey's, shown then, are the ones that work).
    expect(confirmed).toEqual({ ok: true, data: { recoveryCodes: null } });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ totp: true, passkeyCount: 1, recoveryCodesLeft: 10 });
    expect(await checkSignInCode(actor, shownWithPasskey[0]!, request)).toMatchObject({ ok: true, method: 'recoveryCode' });
    expect(await entries(actor.id, 'user.twoFactorEnable')).toHaveLength(1);
    expect(await entries(actor.id, 'user.authenticatorAppAdd')).toHaveLength(1);
  });

  it('an authenticator app added beside a passkey keeps the recovery codes; an administrator’s reset removes both', async () => {
    const { actor, recoveryCodes } = await withPasskey();
    expect(await startTotpEnrolment(actor)).toEqual({ ok: true, data: null });
    const secret = (await twoFactorStatus(actor.id)).pendingSecret!;
    const confirmed = await confirmTotpEnrolment(actor, { code: TOTP.generate({ secret: Secret.fromBase32(secret) }) }, undefined);
    expect(confirmed).toEqual({ ok: true, data: { recoveryCodes: null } });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ totp: true, passkeyCount: 1, recoveryCodesLeft: 10 });
    // Two-factor was on already: the log says the app was added, not that two-factor was turned on again.
    expect(await entries(actor.id, 'user.twoFactorEnable')).toHaveLength(1);
    expect(await entries(actor.id, 'user.authenticatorAppAdd')).toHaveLength(1);
    expect(await checkSignInCode(actor, recoveryCodes![0]!, request)).toMatchObject({ ok: true });

    expect(await resetTwoFactor(await seedActor(), { id: actor.id })).toEqual({ ok: true, data: { id: actor.id } });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: false, totp: false, passkeyCount: 0, recoveryCodesLeft: 0 });
  });
});
