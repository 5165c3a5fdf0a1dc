process.env.AUTH_SECRET ??= 'leak-tests-secret-leak-tests-secret';

import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, auditLogs, notificationEmails, webhookDeliveries } from '@/db/schema';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { flushBatchedAudit } from '@/lib/audit/batched-audit';
import { findApiAccessByToken } from '@/lib/api-access/find-by-token';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { findApiAccess } from '@/lib/api-access/rows';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import type { Actor } from '@/lib/auth/actor';
import { GitHubKeyCache } from '@/lib/leaks/github-keys';
import { receiveGitHubReport } from '@/lib/leaks/github-receiver';
import { acceptRevokeReport } from '@/lib/leaks/revoke-endpoint';
import { generateToken, tokenDigest } from '@/lib/tokens/token';
import { verifyToken } from '@/lib/tokens/verify-token';
import { inDays, seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
beforeAll(async () => {
  admin = await seedActor();
  const endpoint = await createWebhook(admin, {
    url: 'https://hooks.example.com/keygate',
    events: ['api_access.leaked', 'api_access.retired_token_used'],
  });
  if (!endpoint.ok) throw new Error(endpoint.message);
});

const eventsFor = async (type: string, accessId: string) =>
  (await db.select().from(webhookDeliveries))
    .map((row) => JSON.parse(row.payload) as { type: string; data: Record<string, unknown> & { apiAccess?: { id: string } } })
    .filter((event) => event.type === type && (event.data.apiAccess?.id === accessId || event.data.apiAccessId === accessId));

let reporters = 0;
/** Each report from an address of its own, so the hourly allowance of one test does not spill into another's. */
const reporter = () => ({ ip: `198.51.100.${++reporters}`, userAgent: 'curl/8.5' });

async function report(credentials: unknown[], from = reporter()) {
  const accepted = acceptRevokeReport(JSON.stringify({ credentials }), from);
  if (!accepted.ok) throw new Error(accepted.message);
  return { received: accepted.data.received, real: await accepted.data.report() };
}

const leakEntries = (id: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, 'apiAccess.leaked'), eq(auditLogs.targetId, id)));

describe('POST /api/v1/tokens/revoke (SPEC §8)', () => {
  it('marks the key of a reported token leaked: disabled, recorded, audited with the token start only', async () => {
    const key = await seedApiAccess({ actor: admin });
    const from = reporter();
    const { received } = await report([key.token, generateToken(), 'not a token at all'], from);
    expect(received).toBe(3);
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'DISABLED' });
    const stored = await findApiAccess(db, key.id);
    expect(stored).toMatchObject({ enabled: false, status: 'Disabled', leak: { source: 'revoke_api', url: null } });
    expect(stored!.leakedAt).toBeInstanceOf(Date);
    const [entry, ...more] = await leakEntries(key.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorName: 'Leak report (revoke API)', ip: from.ip, userAgent: 'curl/8.5' });
    expect(entry!.changes).toMatchObject({ after: { enabled: false, source: 'revoke_api', tokenStart: key.apiAccess.tokenStart } });
    expect(JSON.stringify(entry)).not.toContain(key.token);

    // Reported again: nothing new (the first report stands).
    await report([key.token]);
    expect(await leakEntries(key.id)).toHaveLength(1);

    // The author and every active ADMIN are emailed at once, through the outbox; the webhook event is raised once.
    const emails = await db.select().from(notificationEmails).where(eq(notificationEmails.kind, 'leak'));
    const mine = emails.filter((email) => email.text.includes(key.id));
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine[0]).toMatchObject({ subject: `API Access “${key.apiAccess.name}” was reported leaked and is disabled` });
    expect(mine[0]!.text).toContain(key.apiAccess.tokenStart);
    expect(mine[0]!.text).not.toContain(key.token);
    expect(mine[0]!.text).toContain(`/access-management/api-access/${key.id}/regenerate`);
    await expect
      .poll(
        async () =>
          (await db.select({ status: notificationEmails.status }).from(notificationEmails).where(eq(notificationEmails.id, mine[0]!.id)))[0]
            ?.status,
      )
      .toBe('sent');
    const leakedEvents = await eventsFor('api_access.leaked', key.id);
    expect(leakedEvents).toHaveLength(1);
    expect(leakedEvents[0]!.data).toMatchObject({ apiAccess: { id: key.id, enabled: false }, source: 'revoke_api' });
    expect(JSON.stringify(leakedEvents)).not.toContain(key.token);
  });

  it('cannot be enabled again (409, regenerate it instead); regenerating clears the mark, enables it and keeps no grace', async () => {
    const key = await seedApiAccess({ actor: admin });
    await report([key.token]);
    expect(await updateApiAccess(admin, { id: key.id, enabled: true })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('regenerate it instead'),
    });
    const regenerated = await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(30), gracePeriodSeconds: 86_400 });
    expect(regenerated).toMatchObject({
      ok: true,
      data: { apiAccess: { enabled: true, leakedAt: null, previousTokenExpiresAt: null, status: 'Active' } },
    });
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    if (regenerated.ok) expect(await verifyToken({ token: regenerated.data.token })).toMatchObject({ code: 'VALID' });
  });

  it("a rotation's previous token reported leaked ends both tokens", async () => {
    const key = await seedApiAccess({ actor: admin });
    const rotated = await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(30), gracePeriodSeconds: 3_600 });
    if (!rotated.ok) throw new Error(rotated.message);
    const { real } = await report([key.token]);
    expect(real).toEqual(new Set([tokenDigest(key.token)]));
    expect(await verifyToken({ token: key.token })).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(await verifyToken({ token: rotated.data.token })).toEqual({ valid: false, code: 'DISABLED' });
    expect((await leakEntries(key.id))[0]!.changes).toMatchObject({ after: { token: 'previous' } });
  });

  it('refuses a body of the wrong shape with a clear 400, and a 61st report in an hour from one address with 429', async () => {
    const from = reporter();
    for (const body of [
      '{}',
      '{"credentials": []}',
      JSON.stringify({ credentials: Array(1001).fill('x') }),
      '{"credentials": [1]}',
      '[]',
    ]) {
      const refused = acceptRevokeReport(body, from);
      expect(refused).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    const busy = reporter();
    for (let i = 0; i < 60; i++) expect(acceptRevokeReport('{"credentials": ["x"]}', busy).ok).toBe(true);
    const throttled = acceptRevokeReport('{"credentials": ["x"]}', busy);
    expect(throttled).toMatchObject({ ok: false, code: 'THROTTLED' });
    if (!throttled.ok) expect(throttled.retryAfter).toBeGreaterThanOrEqual(1);
    expect(acceptRevokeReport('{"credentials": ["x"]}', reporter()).ok).toBe(true);
  });
});

describe('POST /api/v1/secret-scanning/github (SPEC §8)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let server: Server;
  let fetches = 0;
  let keysUrl = '';
  beforeAll(async () => {
    // GitHub's public key endpoint, served locally: the identifier GitHub would use, and our key.
    server = createServer((_request, response) => {
      fetches++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ public_keys: [{ key_identifier: 'key-1', key: pem, is_current: true }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    keysUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meta/public_keys/secret_scanning`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const signed = (body: string) => sign('sha256', Buffer.from(body), privateKey).toString('base64');

  it('labels each reported token, marks real ones leaked with where GitHub found them', async () => {
    const keys = new GitHubKeyCache(keysUrl);
    const key = await seedApiAccess({ actor: admin });
    const madeUp = generateToken();
    const body = JSON.stringify([
      { token: key.token, type: 'keygate_api_token', url: 'https://github.com/octo/repo/blob/main/.env', source: 'content' },
      { token: madeUp, type: 'keygate_api_token', url: 'https://github.com/octo/repo/blob/main/x', source: 'content' },
    ]);
    const labels = await receiveGitHubReport(keys, body, { identifier: 'key-1', signature: signed(body) }, reporter());
    expect(labels).toEqual({
      ok: true,
      data: [
        { token_hash: tokenDigest(key.token), token_type: 'keygate_api_token', label: 'true_positive' },
        { token_hash: tokenDigest(madeUp), token_type: 'keygate_api_token', label: 'false_positive' },
      ],
    });
    expect(await findApiAccess(db, key.id)).toMatchObject({
      enabled: false,
      leak: { source: 'github', url: 'https://github.com/octo/repo/blob/main/.env' },
    });
    expect((await leakEntries(key.id))[0]).toMatchObject({ actorName: 'GitHub secret scanning' });
  });

  it('refuses a missing, bad or unknown signature (401) and changes nothing; an unknown identifier fetches the keys at most once a minute', async () => {
    const keys = new GitHubKeyCache(keysUrl);
    const key = await seedApiAccess({ actor: admin });
    const body = JSON.stringify([{ token: key.token, type: 'keygate_api_token', url: 'https://example.com', source: 'content' }]);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const before = fetches;
    for (const headers of [
      { identifier: null, signature: null },
      { identifier: 'key-1', signature: sign('sha256', Buffer.from(body), other).toString('base64') },
      { identifier: 'key-1', signature: signed(`${body} `) },
      { identifier: 'key-1', signature: 'not base64 DER' },
      { identifier: 'key-2', signature: signed(body) },
      { identifier: 'key-3', signature: signed(body) },
    ]) {
      expect(await receiveGitHubReport(keys, body, headers, reporter())).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(fetches - before).toBe(1);
    expect(await findApiAccess(db, key.id)).toMatchObject({ enabled: true, leakedAt: null });
  });
});

describe('the retired-token webhook event (SPEC §7)', () => {
  it('is raised once per batched alarm, naming the key, count and addresses', async () => {
    const key = await seedApiAccess({ actor: admin });
    await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(30), gracePeriodSeconds: 0 });
    for (let i = 0; i < 3; i++) await verifyToken({ token: key.token }, Date.now(), () => ({ ip: '203.0.113.50', userAgent: 'old-job' }));
    await flushBatchedAudit();
    const raised = await eventsFor('api_access.retired_token_used', key.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.data).toMatchObject({ apiAccessId: key.id, count: 3, ips: ['203.0.113.50'], userAgents: ['old-job'] });
  });
});

describe('Find by token (SPEC §8)', () => {
  it("finds a token's key, says which key a retired token was, and refuses without getApiAccess", async () => {
    const key = await seedApiAccess({ actor: admin });
    expect(await findApiAccessByToken(admin, { token: key.token })).toEqual({ ok: true, data: { id: key.id } });
    const rotated = await regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(30), gracePeriodSeconds: 0 });
    expect(await findApiAccessByToken(admin, { token: key.token })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: `This token no longer works: it was replaced on ${key.apiAccess.name} (${key.id}).`,
    });
    if (rotated.ok) expect(await findApiAccessByToken(admin, { token: rotated.data.token })).toEqual({ ok: true, data: { id: key.id } });
    expect(await findApiAccessByToken(admin, { token: generateToken() })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This token matches no API Access.',
    });
    expect(await findApiAccessByToken(admin, { token: 'kg_nonsense' })).toMatchObject({ code: 'VALIDATION' });
    const reader = { ...admin, grants: [{ permission: 'listApiAccess' as const }] };
    expect(await findApiAccessByToken(reader, { token: key.token })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await db.$count(apiAccess, eq(apiAccess.id, key.id))).toBe(1);
  });
});
