import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { apiAccess, apiAccessUsage } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createRole } from '@/lib/roles/create-role';
import { type AppServer, startAppServer } from '../support/app-server';
import { expectContract } from '../support/contract';
import { inDays as inDaysDate, roleId, seedActor, seedApiAccess } from '../support/fixtures';

/** An ISO instant `days` from now, as a client sends it. */
const inDays = (days: number) => inDaysDate(days).toISOString();
let server: AppServer;
let admin: Actor;

/** A key with the named roles, made through the domain (not the API under test). */
const keyWith = (roleNames: string[], overrides: { tags?: string[] } = {}) => seedApiAccess({ actor: admin, roleNames, ...overrides });

function call(token: string | null, method: string, path: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  admin = await seedActor();
  server = await startAppServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('authentication', () => {
  it.each([
    ['no header', null],
    ['a malformed token', 'kg_nope'],
    ['an unknown token', 'kg_00000000000000000000000000000000000000000002CZclj'],
  ])('answers 401 with WWW-Authenticate: Bearer for %s', async (_label, token) => {
    const response = await call(token, 'GET', '/api/v1/api-access');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await expectContract('GET', '/api/v1/api-access', response)).toMatchObject({ status: 401, title: 'Authentication required' });
  });

  it('answers 401 for an expired key', async () => {
    const key = await keyWith(['ADMIN']);
    await db
      .update(apiAccess)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiAccess.id, key.id));
    const response = await call(key.token, 'GET', '/api/v1/roles');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ detail: 'The token has expired.' });
  });
});

describe('a READ_ONLY key', () => {
  let key: { id: string; token: string };
  let other: { id: string };
  beforeAll(async () => {
    key = await keyWith(['READ_ONLY']);
    other = await keyWith([]);
  });

  it('lists and gets', async () => {
    const list = await call(key.token, 'GET', '/api/v1/api-access?limit=100');
    expect(list.status).toBe(200);
    const body = (await expectContract('GET', '/api/v1/api-access', list)) as { data: { id: string }[] };
    expect(body.data.map((item) => item.id)).toContain(other.id);
    const one = await call(key.token, 'GET', `/api/v1/api-access/${other.id}`);
    expect(await expectContract('GET', '/api/v1/api-access/{accessId}', one)).toMatchObject({
      id: other.id,
      type: 'API_KEY',
      status: 'Active',
    });
    expect(await expectContract('GET', '/api/v1/roles', await call(key.token, 'GET', '/api/v1/roles'))).toMatchObject({
      data: expect.any(Array),
    });
  });

  it('gets 403 on create, patch, regenerate and delete, and nothing changes', async () => {
    const attempts = [
      ['POST', '/api/v1/api-access', '/api/v1/api-access', { name: 'ro-made', expiresAt: inDays(5) }],
      ['PATCH', `/api/v1/api-access/${other.id}`, '/api/v1/api-access/{accessId}', { name: 'renamed' }],
      ['POST', `/api/v1/api-access/${other.id}/regenerate`, '/api/v1/api-access/{accessId}/regenerate', { expiresAt: inDays(5) }],
      ['DELETE', `/api/v1/api-access/${other.id}`, '/api/v1/api-access/{accessId}', undefined],
      ['POST', '/api/v1/api-access/bulk-delete', '/api/v1/api-access/bulk-delete', { ids: [other.id] }],
      ['POST', '/api/v1/roles', '/api/v1/roles', { name: 'x', grants: [] }],
    ] as const;
    for (const [method, path, template, body] of attempts) {
      const response = await call(key.token, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      await expectContract(method, template, response);
    }
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, other.id));
    expect(row!.name).toMatch(/^key-/);
  });
});

describe('a key limited to names matching ^ci-', () => {
  let key: { token: string };
  beforeAll(async () => {
    const role = await createRole(admin, {
      name: 'CI via API',
      description: '',
      grants: [{ permission: 'createApiAccess', accessNamePattern: '^ci-.*' }, { permission: 'getRole' }, { permission: 'listApiAccess' }],
    });
    if (!role.ok) throw new Error(role.message);
    key = await keyWith(['CI via API']);
  });

  it('creates ci-x but not prod-x; the new key is created by the key', async () => {
    const created = await call(key.token, 'POST', '/api/v1/api-access', { name: 'ci-x', expiresAt: inDays(10), tags: ['ci'] });
    expect(created.status).toBe(201);
    const body = (await expectContract('POST', '/api/v1/api-access', created)) as { token: string; createdBy: { kind: string } };
    expect(body.token).toMatch(/^kg_/);
    expect(body.createdBy.kind).toBe('apiAccess');
    const refused = await call(key.token, 'POST', '/api/v1/api-access', { name: 'prod-x', expiresAt: inDays(10) });
    expect(refused.status).toBe(403);
    expect(await expectContract('POST', '/api/v1/api-access', refused)).toMatchObject({
      errors: { name: ['The name must fully match “^ci-.*”.'] },
    });
  });

  it('cannot give a new key a role it does not hold', async () => {
    const response = await call(key.token, 'POST', '/api/v1/api-access', {
      name: 'ci-escalate',
      expiresAt: inDays(10),
      roles: [await roleId('READ_ONLY')],
    });
    expect(response.status).toBe(403);
    expect(await expectContract('POST', '/api/v1/api-access', response)).toMatchObject({
      errors: { roles: [expect.stringContaining('You cannot assign READ_ONLY')] },
    });
  });
});

describe('an ADMIN key', () => {
  let key: { id: string; token: string };
  beforeAll(async () => {
    key = await keyWith(['ADMIN']);
  });

  it('answers 400 with per-field errors, 404, 409 and 413', async () => {
    const invalid = await call(key.token, 'POST', '/api/v1/api-access', { name: '', expiresAt: inDays(400), tags: ['two words'] });
    expect(invalid.status).toBe(400);
    expect(await expectContract('POST', '/api/v1/api-access', invalid)).toMatchObject({
      errors: { name: expect.any(Array), expiresAt: expect.any(Array), 'tags.0': expect.any(Array) },
    });
    const notJson = await call(key.token, 'POST', '/api/v1/api-access', '{oops');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ detail: 'The body must be a JSON object.' });
    const missing = await call(key.token, 'GET', '/api/v1/api-access/ak_aaaaaaaaaaaaaaaaaaaa');
    expect(missing.status).toBe(404);
    await expectContract('GET', '/api/v1/api-access/{accessId}', missing);
    const first = await call(key.token, 'POST', '/api/v1/api-access', { name: 'Duplicate Me', expiresAt: inDays(3) });
    expect(first.status).toBe(201);
    const duplicate = await call(key.token, 'POST', '/api/v1/api-access', { name: 'duplicate me', expiresAt: inDays(3) });
    expect(duplicate.status).toBe(409);
    await expectContract('POST', '/api/v1/api-access', duplicate);
    const huge = await call(key.token, 'POST', '/api/v1/api-access', {
      name: 'big',
      expiresAt: inDays(3),
      description: 'x'.repeat(70_000),
    });
    expect(huge.status).toBe(413);
    await expectContract('POST', '/api/v1/api-access', huge);
  });

  it('refuses fields the contract does not list, and dates that are not ISO 8601 instants', async () => {
    const target = await keyWith([]);
    const patchExpiry = await call(key.token, 'PATCH', `/api/v1/api-access/${target.id}`, { expiresAt: inDays(100) });
    expect(patchExpiry.status).toBe(400);
    expect(await expectContract('PATCH', '/api/v1/api-access/{accessId}', patchExpiry)).toMatchObject({
      errors: { _form: [expect.stringContaining('expiresAt')] },
    });
    const bareDate = await call(key.token, 'POST', '/api/v1/api-access', { name: 'bare-date', expiresAt: '2026-12-31' });
    expect(bareDate.status).toBe(400);
    expect(await bareDate.json()).toMatchObject({ errors: { expiresAt: expect.any(Array) } });
    const alias = await call(key.token, 'POST', '/api/v1/api-access', { name: 'alias', expiresAt: inDays(3), roleIds: [] });
    expect(alias.status).toBe(400);
  });

  it('answers problem+json 405 with Allow for a method a route does not have', async () => {
    const response = await call(key.token, 'PUT', `/api/v1/api-access/${key.id}`, {});
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 405, title: 'Method not allowed' });
  });

  it('answers problem+json 404 for paths the API does not have', async () => {
    const response = await call(key.token, 'GET', '/api/v1/api-acess');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('answers 404 for ids of any form in the URL, and ignores empty query parameters', async () => {
    for (const [method, path, body] of [
      ['PATCH', '/api/v1/api-access/not-an-id', { name: 'x' }],
      ['DELETE', '/api/v1/api-access/not-an-id', undefined],
      ['POST', '/api/v1/api-access/not-an-id/regenerate', { expiresAt: inDays(3) }],
      ['GET', '/api/v1/roles/not-a-uuid', undefined],
      ['PATCH', '/api/v1/roles/not-a-uuid', { description: 'x' }],
      ['DELETE', '/api/v1/roles/not-a-uuid', undefined],
    ] as const) {
      expect((await call(key.token, method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    const empty = await call(key.token, 'GET', '/api/v1/api-access?status=&role=&tag=&q=&cursor=&limit=');
    expect(empty.status).toBe(200);
    const forged = Buffer.from(JSON.stringify(['1', 'ak_x'])).toString('base64url');
    expect((await call(key.token, 'GET', `/api/v1/api-access?cursor=${forged}`)).status).toBe(400);
  });

  it('does not let a key regenerate a key with roles it does not hold (it would get their token)', async () => {
    const role = await createRole(admin, { name: 'Regenerator', description: '', grants: [{ permission: 'regenerateApiAccess' }] });
    if (!role.ok) throw new Error(role.message);
    const regenerator = await keyWith(['Regenerator']);
    const powerful = await keyWith(['ADMIN']);
    const refused = await call(regenerator.token, 'POST', `/api/v1/api-access/${powerful.id}/regenerate`, { expiresAt: inDays(3) });
    expect(refused.status).toBe(403);
    expect(await expectContract('POST', '/api/v1/api-access/{accessId}/regenerate', refused)).toMatchObject({
      detail: expect.stringContaining('its role ADMIN grants'),
    });
    expect((await call(powerful.token, 'GET', '/api/v1/roles')).status).toBe(200);
    const harmless = await keyWith([]);
    expect((await call(regenerator.token, 'POST', `/api/v1/api-access/${harmless.id}/regenerate`, { expiresAt: inDays(3) })).status).toBe(
      200,
    );
  });

  it('edits a key, and regeneration kills the old token at once', async () => {
    const target = await keyWith(['READ_ONLY']);
    const patched = await call(key.token, 'PATCH', `/api/v1/api-access/${target.id}`, { description: 'patched', tags: ['a', 'b'] });
    expect(await expectContract('PATCH', '/api/v1/api-access/{accessId}', patched)).toMatchObject({
      description: 'patched',
      tags: ['a', 'b'],
    });
    // Warm the cache with the old token first.
    expect((await call(target.token, 'GET', '/api/v1/roles')).status).toBe(200);
    const regenerated = await call(key.token, 'POST', `/api/v1/api-access/${target.id}/regenerate`, { expiresAt: inDays(60) });
    const body = (await expectContract('POST', '/api/v1/api-access/{accessId}/regenerate', regenerated)) as { token: string };
    expect((await call(target.token, 'GET', '/api/v1/roles')).status).toBe(401);
    expect((await call(body.token, 'GET', '/api/v1/roles')).status).toBe(200);
    const withoutDate = await call(key.token, 'POST', `/api/v1/api-access/${target.id}/regenerate`, {});
    expect(withoutDate.status).toBe(400);
  });

  it('deletion kills the token at once', async () => {
    const target = await keyWith(['READ_ONLY']);
    expect((await call(target.token, 'GET', '/api/v1/roles')).status).toBe(200);
    const deleted = await call(key.token, 'DELETE', `/api/v1/api-access/${target.id}`);
    expect(deleted.status).toBe(204);
    await expectContract('DELETE', '/api/v1/api-access/{accessId}', deleted);
    expect((await call(target.token, 'GET', '/api/v1/roles')).status).toBe(401);
  });

  it('bulk delete with one unknown id deletes nothing; with known ids deletes all', async () => {
    const a = await keyWith([]);
    const b = await keyWith([]);
    const refused = await call(key.token, 'POST', '/api/v1/api-access/bulk-delete', { ids: [a.id, 'ak_unknownunknownunkno', b.id] });
    expect(refused.status).toBe(404);
    await expectContract('POST', '/api/v1/api-access/bulk-delete', refused);
    expect(await db.select().from(apiAccess).where(eq(apiAccess.id, a.id))).toHaveLength(1);
    const done = await call(key.token, 'POST', '/api/v1/api-access/bulk-delete', { ids: [a.id, b.id] });
    expect(await expectContract('POST', '/api/v1/api-access/bulk-delete', done)).toEqual({ deleted: 2 });
  });

  it('pages with a cursor, newest first, without repeats or gaps, and filters', async () => {
    const tag = `page-${Date.now()}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await keyWith([], { tags: [tag] })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await call(key.token, 'GET', `/api/v1/api-access?tag=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await expectContract('GET', '/api/v1/api-access', response)) as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const bad = await call(key.token, 'GET', '/api/v1/api-access?cursor=garbage');
    expect(bad.status).toBe(400);
    const byRole = (await (await call(key.token, 'GET', `/api/v1/api-access?role=ADMIN&limit=100`)).json()) as { data: { id: string }[] };
    expect(byRole.data.map((item) => item.id)).toContain(key.id);
    expect(byRole.data.map((item) => item.id)).not.toContain(made[0]);
    const tooMany = await call(key.token, 'GET', '/api/v1/api-access?limit=1000');
    expect(tooMany.status).toBe(400);
  });

  it('manages roles through the API', async () => {
    const created = await call(key.token, 'POST', '/api/v1/roles', { name: 'Auditor API', grants: [{ permission: 'getAuditLog' }] });
    const role = (await expectContract('POST', '/api/v1/roles', created)) as { id: string };
    const patched = await call(key.token, 'PATCH', `/api/v1/roles/${role.id}`, { description: 'reads the log' });
    expect(await expectContract('PATCH', '/api/v1/roles/{id}', patched)).toMatchObject({ description: 'reads the log', predefined: false });
    expect(await expectContract('GET', '/api/v1/roles/{id}', await call(key.token, 'GET', `/api/v1/roles/${role.id}`))).toMatchObject({
      name: 'Auditor API',
    });
    const badPattern = await call(key.token, 'POST', '/api/v1/roles', {
      name: 'Bad',
      grants: [{ permission: 'createApiAccess', accessNamePattern: '(' }],
    });
    expect(badPattern.status).toBe(400);
    expect(await expectContract('POST', '/api/v1/roles', badPattern)).toMatchObject({
      errors: { 'grants.0.accessNamePattern': [expect.stringContaining('Invalid regular expression')] },
    });
    expect((await call(key.token, 'DELETE', `/api/v1/roles/${role.id}`)).status).toBe(204);
    expect((await call(key.token, 'DELETE', `/api/v1/roles/${role.id}`)).status).toBe(404);
    expect((await call(key.token, 'DELETE', `/api/v1/roles/${await roleId('ADMIN')}`)).status).toBe(403);
  });

  it('records last use and the daily count of every successful call', async () => {
    const user = await keyWith(['READ_ONLY']);
    for (let i = 0; i < 3; i++) expect((await call(user.token, 'GET', '/api/v1/roles')).status).toBe(200);
    await expect
      .poll(async () => (await db.select().from(apiAccessUsage).where(eq(apiAccessUsage.apiAccessId, user.id)))[0]?.count, {
        timeout: 5000,
      })
      .toBe(3);
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, user.id));
    expect(row!.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const detail = (await (await call(key.token, 'GET', `/api/v1/api-access/${user.id}`)).json()) as { lastUsedAt: string | null };
    expect(detail.lastUsedAt).not.toBeNull();
  });
});

describe('the OpenAPI document', () => {
  it('is served and validates as a 3.1 document naming every route', async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/api-access/{accessId}/regenerate');
  });
});

describe('GET /api/v1/audit-log', () => {
  it('lists entries newest first, filtered and paged like the page, for keys with getAuditLog only', async () => {
    const auditor = await keyWith(['READ_ONLY']);
    const editor = await keyWith(['ADMIN']);
    const target = await keyWith([]);
    expect((await call(editor.token, 'PATCH', `/api/v1/api-access/${target.id}`, { description: 'edited' })).status).toBe(200);
    const all = await call(auditor.token, 'GET', `/api/v1/audit-log?target=${target.id}&limit=1`);
    expect(all.status).toBe(200);
    const page = (await expectContract('GET', '/api/v1/audit-log', all)) as { data: { action: string }[]; nextCursor: number | null };
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = await call(auditor.token, 'GET', `/api/v1/audit-log?target=${target.id}&cursor=${page.nextCursor}&action=apiAccess.`);
    const older = (await expectContract('GET', '/api/v1/audit-log', next)) as { data: { action: string }[] };
    expect(older.data.every((entry) => entry.action.startsWith('apiAccess.'))).toBe(true);
    const bad = await call(auditor.token, 'GET', '/api/v1/audit-log?from=yesterday');
    expect(bad.status).toBe(400);
    await expectContract('GET', '/api/v1/audit-log', bad);
    const refused = await call(target.token, 'GET', '/api/v1/audit-log');
    expect(refused.status).toBe(403);
  });
});
