import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs, recoveryCodes, totpAuthenticators } from '@/db/schema';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import { authenticate } from '@/lib/auth/authenticate';
import { loadUserActor } from '@/lib/auth/load-user-actor';
import { isSecondFactorProof, secondFactorProof } from '@/lib/auth/second-factor-proof';
import { SIGN_IN_LIMIT } from '@/lib/auth/throttle';
import { checkSignInCode } from '@/lib/two-factor/check-sign-in-code';
import { confirmTotpEnrolment } from '@/lib/two-factor/confirm-enrolment';
import { disableTwoFactor } from '@/lib/two-factor/disable-two-factor';
import { regenerateRecoveryCodes } from '@/lib/two-factor/regenerate-recovery-codes';
import { resetTwoFactor } from '@/lib/two-factor/reset-two-factor';
import type { Self } from '@/lib/two-factor/self';
import { startTotpEnrolment } from '@/lib/two-factor/start-enrolment';
import { twoFactorStatus } from '@/lib/two-factor/store';
import { listUsers } from '@/lib/users/queries';
import { actorWith, seedActor, seedUser } from '../support/fixtures';

beforeAll(() => {
  process.env.AUTH_SECRET = 'two-factor-test-secret-0123456789abcdef';
});

const STEP_MS = 30_000;
/** The code an authenticator app with this secret shows, `offsetSteps` steps of 30 s from now. */
const codeAt = (secret: string, offsetSteps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * STEP_MS });

/** Codes are made and checked a moment apart: not across a step boundary, or a test would see the next step. */
async function awayFromStepBoundary() {
  const intoStep = Date.now() % STEP_MS;
  if (intoStep > STEP_MS - 2_000) await new Promise((resolve) => setTimeout(resolve, STEP_MS - intoStep + 100));
}

const request = (n: number) => ({ ip: `198.51.100.${n}`, userAgent: 'vitest' });

/** A user with the READ_ONLY role, signed in as an actor of their own. */
async function self(): Promise<Self & { password: string }> {
  const user = await seedUser({ roleNames: ['READ_ONLY'] });
  const actor = (await loadUserActor(user.id, '203.0.113.30')) as Self;
  return { ...actor, password: user.password };
}

/** A user who set up an authenticator app: their secret and recovery codes. */
async function enrolled(sessionId = randomUUID()) {
  const actor = await self();
  expect(await startTotpEnrolment(actor)).toEqual({ ok: true, data: null });
  const secret = (await twoFactorStatus(actor.id)).pendingSecret!;
  await awayFromStepBoundary();
  const confirmed = await confirmTotpEnrolment(actor, { code: codeAt(secret) }, sessionId);
  if (!confirmed.ok) throw new Error(confirmed.message);
  return { actor, secret, recoveryCodes: confirmed.data.recoveryCodes!, sessionId };
}

const entries = (userId: string, action: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.targetId, userId), eq(auditLogs.action, action)));

describe('setting up an authenticator app', () => {
  it('keeps the secret encrypted until a code confirms it, then turns two-factor on with ten recovery codes', async () => {
    const actor = await self();
    await startTotpEnrolment(actor);
    const status = await twoFactorStatus(actor.id);
    expect(status).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(status.pendingSecret).toMatch(/^[A-Z2-7]{32}$/);
    const [row] = await db.select().from(totpAuthenticators).where(eq(totpAuthenticators.userId, actor.id));
    expect(row!.secretEncrypted).toMatch(/^v1\./);
    expect(row!.secretEncrypted).not.toContain(status.pendingSecret);

    await awayFromStepBoundary();
    const wrong = await confirmTotpEnrolment(actor, { code: '000000' === codeAt(status.pendingSecret!) ? '111111' : '000000' }, undefined);
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining('not right')] } });
    expect((await twoFactorStatus(actor.id)).enabled).toBe(false);
    expect(await confirmTotpEnrolment(actor, { code: '' }, undefined)).toMatchObject({ ok: false, code: 'VALIDATION' });

    const confirmed = await confirmTotpEnrolment(actor, { code: codeAt(status.pendingSecret!) }, randomUUID());
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.data.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.data.recoveryCodes).size).toBe(10);
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: true, pendingSecret: null, recoveryCodesLeft: 10 });
    // Only digests are stored.
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    expect(stored.map((code) => code.codeHash)).not.toContain(confirmed.data.recoveryCodes![0]);
    expect(await entries(actor.id, 'user.twoFactorEnable')).toHaveLength(1);
    // On already: starting again is refused, the secret stays.
    expect(await startTotpEnrolment(actor)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('shows who has two-factor in the list of users', async () => {
    const { actor } = await enrolled();
    const admin = await seedActor();
    const result = await listUsers({ actor: admin });
    expect(result.ok && result.data.find((user) => user.id === actor.id)?.twoFactor).toBe(true);
    expect(result.ok && result.data.find((user) => user.id === admin.id)?.twoFactor).toBe(false);
  });
});

describe('the "Authentication code" step', () => {
  it('accepts a code once: the same code again is refused (replay)', async () => {
    const { actor, secret } = await enrolled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The enrolment used the current step's code already.
    expect(await checkSignInCode(actor, codeAt(secret), request(1))).toEqual({ ok: false, reason: 'replayed' });
    await awayFromStepBoundary();
    expect(await checkSignInCode(actor, codeAt(secret, 1), request(1))).toEqual({ ok: true, method: 'totp' });
    expect(await checkSignInCode(actor, codeAt(secret, 1), request(1))).toEqual({ ok: false, reason: 'replayed' });
    expect(await entries(actor.id, 'auth.secondFactor')).toHaveLength(1);
  });

  it('allows one step of clock drift either side, not more', async () => {
    const actor = await self();
    await startTotpEnrolment(actor);
    const secret = (await twoFactorStatus(actor.id)).pendingSecret!;
    await awayFromStepBoundary();
    // Enrolled with a phone 30 s behind, then signing in with one 30 s ahead.
    expect(await confirmTotpEnrolment(actor, { code: codeAt(secret, -1) }, undefined)).toMatchObject({ ok: true });
    expect(await checkSignInCode(actor, codeAt(secret, 3), request(2))).toEqual({ ok: false, reason: 'wrong' });
    expect(await checkSignInCode(actor, codeAt(secret, 1), request(2))).toEqual({ ok: true, method: 'totp' });
  });

  it('refuses a wrong code, audits it, and throttles per (user, IP) without locking the owner out elsewhere', async () => {
    const { actor, secret } = await enrolled();
    for (let i = 0; i < SIGN_IN_LIMIT.perEmailAndIp; i++) {
      expect(await checkSignInCode(actor, String(100000 + i), request(3))).toEqual({ ok: false, reason: 'wrong' });
    }
    expect(await entries(actor.id, 'auth.secondFactorRefused')).toHaveLength(SIGN_IN_LIMIT.perEmailAndIp);
    await awayFromStepBoundary();
    // The guesser is stopped even with the right code; the owner, elsewhere, is not.
    expect(await checkSignInCode(actor, codeAt(secret, 1), request(3))).toEqual({ ok: false, reason: 'throttled' });
    expect(await checkSignInCode(actor, codeAt(secret, 1), request(4))).toEqual({ ok: true, method: 'totp' });
    // Nor does a correct password forgive the wrong codes.
    await authenticate({ email: actor.email, password: actor.password, ip: request(3).ip });
    expect(await checkSignInCode(actor, 'not-a-code', request(3))).toEqual({ ok: false, reason: 'throttled' });
    // Throttled attempts are audited in batches.
    await flushBatchedAudit();
    const [throttled] = (await entries(actor.id, 'auth.secondFactorRefused')).filter(
      (entry) => entry.changes.after?.reason === 'throttled',
    );
    expect(throttled!.changes.after).toMatchObject({ reason: 'throttled', count: 2 });
  });

  it('takes each recovery code once, in any case and with spaces, and says how many are left', async () => {
    const { actor, recoveryCodes: codes } = await enrolled();
    const typed = ` ${codes[0]!.toUpperCase().replace(/-/g, ' ')} `;
    expect(await checkSignInCode(actor, typed, request(5))).toEqual({ ok: true, method: 'recoveryCode', recoveryCodesLeft: 9 });
    expect(await checkSignInCode(actor, codes[0]!, request(5))).toEqual({ ok: false, reason: 'wrong' });
    const [used] = await entries(actor.id, 'auth.recoveryCodeUsed');
    expect(used!.changes.after).toEqual({ recoveryCodesLeft: 9 });
    // Another user's code is no use here.
    const other = await enrolled();
    expect(await checkSignInCode(actor, other.recoveryCodes[0]!, request(5))).toEqual({ ok: false, reason: 'wrong' });
  });

  it('regenerates recovery codes: the old ones stop working', async () => {
    const { actor, recoveryCodes: old } = await enrolled();
    const result = await regenerateRecoveryCodes(actor);
    expect(result.ok && result.data.recoveryCodes).toHaveLength(10);
    expect(await checkSignInCode(actor, old[1]!, request(6))).toEqual({ ok: false, reason: 'wrong' });
    if (result.ok)
      expect(await checkSignInCode(actor, result.data.recoveryCodes[1]!, request(6))).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
    expect(await entries(actor.id, 'user.recoveryCodesRegenerate')).toHaveLength(1);
  });
});

describe('sessions with two-factor', () => {
  it('the password step says the code step follows; a pending session, or one from before two-factor, is no one', async () => {
    const { actor, sessionId } = await enrolled();
    const outcome = await authenticate({ email: actor.email, password: actor.password, ip: request(7).ip });
    expect(outcome).toMatchObject({ ok: true, user: { twoFactor: true } });
    const base = { sessionVersion: 0, authAt: Math.floor(Date.now() / 1000) };
    expect(await loadUserActor(actor.id, null, { ...base, sessionId: randomUUID(), secondFactor: 'pending' })).toBeNull();
    expect(await loadUserActor(actor.id, null, { ...base, sessionId: randomUUID() })).toBeNull();
    expect(await loadUserActor(actor.id, null, { ...base, sessionId: randomUUID(), secondFactor: 'passed' })).not.toBeNull();
    // A single sign-on: the identity provider did the second factor (SPEC §10).
    expect(await loadUserActor(actor.id, null, { ...base, sessionId: randomUUID(), secondFactor: 'sso' })).not.toBeNull();
    // The session that typed the enrolment's code counts as passed.
    expect(await loadUserActor(actor.id, null, { ...base, sessionId })).not.toBeNull();
    // A user without two-factor needs no code, but a pending session is still refused.
    const plain = await self();
    expect(await loadUserActor(plain.id, null, { ...base, sessionId: randomUUID() })).not.toBeNull();
    expect(await loadUserActor(plain.id, null, { ...base, sessionId: randomUUID(), secondFactor: 'pending' })).toBeNull();
  });

  it('signs in the second-factor provider only with a fresh proof for that user', () => {
    const userId = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const proof = secondFactorProof(userId, now);
    expect(isSecondFactorProof(userId, proof, now + 5)).toBe(true);
    expect(isSecondFactorProof(randomUUID(), proof, now)).toBe(false);
    expect(isSecondFactorProof(userId, proof, now + 120)).toBe(false);
    expect(isSecondFactorProof(userId, `${now}.forged`, now)).toBe(false);
  });

  it("re-issues a single sign-on's session as one only with a proof made for it, from the same provider sign-in", () => {
    const userId = randomUUID();
    const now = Math.floor(Date.now() / 1000);
    const providerAuthAt = now - 600;
    const ssoProof = secondFactorProof(userId, now, providerAuthAt);
    expect(isSecondFactorProof(userId, ssoProof, now, providerAuthAt)).toBe(true);
    // A younger provider sign-in (a fresher recent sign-in) or none at all: refused.
    expect(isSecondFactorProof(userId, ssoProof, now, now)).toBe(false);
    expect(isSecondFactorProof(userId, ssoProof, now)).toBe(false);
    // A password session's proof cannot be turned into a single sign-on's.
    expect(isSecondFactorProof(userId, secondFactorProof(userId, now), now, providerAuthAt)).toBe(false);
  });
});

describe('turning two-factor off', () => {
  it('needs the current password', async () => {
    const { actor } = await enrolled();
    expect(await disableTwoFactor(actor, { password: 'not my password' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      fieldErrors: { password: [expect.any(String)] },
    });
    expect(await disableTwoFactor(actor, { password: '' })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect((await twoFactorStatus(actor.id)).enabled).toBe(true);
    expect(await disableTwoFactor(actor, { password: actor.password })).toEqual({ ok: true, data: null });
    expect(await twoFactorStatus(actor.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await entries(actor.id, 'user.twoFactorDisable')).toHaveLength(1);
    expect(await disableTwoFactor(actor, { password: actor.password })).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('an administrator with updateUser resets another user’s, never one who holds more, nor their own', async () => {
    const { actor: target } = await enrolled();
    const admin = await seedActor();
    const manager = actorWith('updateUser', 'getUser');
    expect(await resetTwoFactor(actorWith('getUser'), { id: target.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await resetTwoFactor(admin, { id: admin.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await resetTwoFactor(admin, { id: 'not-a-user' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    // Holding updateUser but less than the target's ADMIN role: refused, nothing changes.
    const adminHolder = await seedUser({ roleNames: ['ADMIN'] });
    const adminHolderActor = (await loadUserActor(adminHolder.id, null)) as Self;
    await startTotpEnrolment(adminHolderActor);
    const secret = (await twoFactorStatus(adminHolder.id)).pendingSecret!;
    await awayFromStepBoundary();
    expect((await confirmTotpEnrolment(adminHolderActor, { code: codeAt(secret) }, undefined)).ok).toBe(true);
    expect(await resetTwoFactor(manager, { id: adminHolder.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await twoFactorStatus(adminHolder.id)).enabled).toBe(true);

    expect(await resetTwoFactor(admin, { id: target.id })).toEqual({ ok: true, data: { id: target.id } });
    expect(await twoFactorStatus(target.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const [entry] = await entries(target.id, 'user.twoFactorReset');
    expect(entry!.actorId).toBe(admin.id);
    expect(await resetTwoFactor(admin, { id: target.id })).toMatchObject({ ok: false, code: 'CONFLICT' });
    // The user signs in with the password alone again.
    expect(await authenticate({ email: target.email, password: target.password, ip: request(8).ip })).toMatchObject({
      ok: true,
      user: { twoFactor: false },
    });
  });
});
