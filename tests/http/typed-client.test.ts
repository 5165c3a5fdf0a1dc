import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { keygateClient } from '@/lib/client';
import { clientSchemaText } from '@/lib/client/generate';
import { type AppServer, startAppServer } from '../support/app-server';
import { inDays, roleId, seedActor, seedApiAccess } from '../support/fixtures';

let server: AppServer;
let operatorToken: string;

beforeAll(async () => {
  const admin = await seedActor();
  operatorToken = (await seedApiAccess({ actor: admin, roleNames: ['ADMIN'] })).token;
  server = await startAppServer();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('the typed client (lib/client) through a whole key lifecycle against the built app', () => {
  it('is generated from the OpenAPI document the app serves (npm run client:generate after an API change)', async () => {
    const served = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(readFileSync('lib/client/schema.d.ts', 'utf8')).toBe(await clientSchemaText(served));
  });

  it('creates with roles, verifies, lists with filters, edits, regenerates with a grace period, disables, enables and deletes', async () => {
    const keygate = keygateClient({ baseUrl: server.url, token: operatorToken });
    const verifier = keygateClient({ baseUrl: server.url });
    const name = `client-${Date.now()}`;

    const created = await keygate.POST('/api/v1/api-access', {
      body: { name, roles: [await roleId('READ_ONLY')], tags: ['client'], expiresAt: inDays(30).toISOString() },
    });
    expect(created.response.status).toBe(201);
    const key = created.data!;
    expect(key).toMatchObject({ name, roles: [{ name: 'READ_ONLY' }], status: 'Active', enabled: true });

    const verified = await verifier.POST('/api/v1/tokens/verify', { body: { token: key.token, permission: 'listApiAccess' } });
    expect(verified.data).toMatchObject({ valid: true, code: 'VALID', accessId: key.id, roles: ['READ_ONLY'] });

    const listed = await keygate.GET('/api/v1/api-access', { params: { query: { q: name, tag: 'client', status: 'Active', limit: 10 } } });
    expect(listed.data?.data.map((item) => item.id)).toEqual([key.id]);

    const edited = await keygate.PATCH('/api/v1/api-access/{accessId}', {
      params: { path: { accessId: key.id } },
      body: { description: 'edited through the typed client', rateLimit: { limit: 100, windowSeconds: 60 } },
    });
    expect(edited.data).toMatchObject({ description: 'edited through the typed client', rateLimit: { limit: 100, windowSeconds: 60 } });

    const regenerated = await keygate.POST('/api/v1/api-access/{accessId}/regenerate', {
      params: { path: { accessId: key.id } },
      body: { expiresAt: inDays(60).toISOString(), gracePeriodSeconds: 3_600 },
    });
    expect(regenerated.data?.previousTokenExpiresAt).toEqual(expect.any(String));
    const previous = await verifier.POST('/api/v1/tokens/verify', { body: { token: key.token } });
    expect(previous.data).toMatchObject({ valid: true, graceEndsAt: regenerated.data?.previousTokenExpiresAt });

    const disabled = await keygate.PATCH('/api/v1/api-access/{accessId}', {
      params: { path: { accessId: key.id } },
      body: { enabled: false },
    });
    expect(disabled.data).toMatchObject({ enabled: false, status: 'Disabled' });
    expect((await verifier.POST('/api/v1/tokens/verify', { body: { token: regenerated.data!.token } })).data).toEqual({
      valid: false,
      code: 'DISABLED',
    });
    const enabled = await keygate.PATCH('/api/v1/api-access/{accessId}', {
      params: { path: { accessId: key.id } },
      body: { enabled: true },
    });
    expect(enabled.data).toMatchObject({ enabled: true, status: 'Active' });

    const deleted = await keygate.DELETE('/api/v1/api-access/{accessId}', { params: { path: { accessId: key.id } } });
    expect(deleted.response.status).toBe(204);
    const gone = await keygate.GET('/api/v1/api-access/{accessId}', { params: { path: { accessId: key.id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ status: 404 });
  });
});
