import { beforeAll, describe, expect, it } from 'vitest';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import { listApiAccess, listApiAccessPage } from '@/lib/api-access/queries';
import { listParamsSchema } from '@/lib/api-access/table-params';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import type { Actor } from '@/lib/auth/actor';
import { fullyMatches } from '@/lib/auth/name-pattern';
import { createRole } from '@/lib/roles/create-role';
import { verifyToken } from '@/lib/tokens/verify-token';
import { inDays, seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
beforeAll(async () => {
  admin = await seedActor();
});

const SQL_METACHARACTERS = ["' OR '1'='1", "%' OR 1=1 --", '_%\\', "'; drop table api_access; --", '"$1"', '\\x00'];

describe('hostile input', () => {
  it.each(SQL_METACHARACTERS)('takes %j in every filter and search as text, in the table and the REST list', async (text) => {
    const marker = await seedApiAccess({ actor: admin, name: `plain-${Date.now()}`, tags: ['plain'] });
    for (const params of [{ q: text }, { tag: text }, { q: text, tag: text, status: 'Active' }]) {
      const table = await listApiAccess({ actor: admin, params: listParamsSchema.parse(params) });
      expect(table).toMatchObject({ ok: true, data: { items: [], total: 0 } });
      const rest = await listApiAccessPage({ actor: admin, filters: { ...params, role: text } as never, limit: 10 });
      expect(rest).toMatchObject({ ok: true, data: { items: [] } });
    }
    // Nothing was dropped or matched by accident.
    expect((await listApiAccess({ actor: admin, params: listParamsSchema.parse({ q: marker.apiAccess.name }) })).ok).toBe(true);
  });

  it('refuses a pattern RE2 cannot take, and runs the nested ones RE2 accepts in linear time', async () => {
    expect(
      await createRole(admin, {
        name: 'Huge repeat',
        grants: [{ permission: 'createApiAccess', accessNamePattern: '((a{1000}){1000}){1000}' }],
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { 'grants.0.accessNamePattern': [expect.stringContaining('too large')] },
    });
    for (const pattern of ['(a+)+$', '(a|a)*b', '(.*){100}']) {
      expect(
        (
          await createRole(admin, {
            name: `Nested ${pattern.length}-${Math.random().toString(36).slice(2, 6)}`,
            grants: [{ permission: 'createApiAccess', accessNamePattern: pattern }],
          })
        ).ok,
      ).toBe(true);
      // A backtracking engine would not return from these on 50,000 characters; RE2 does, in one pass.
      expect(typeof fullyMatches(pattern, `${'a'.repeat(50_000)}!`)).toBe('boolean');
    }
  });

  it('lets exactly one token work after two regenerations race', async () => {
    const key = await seedApiAccess({ actor: admin });
    const [first, second] = await Promise.all([
      regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(10) }),
      regenerateApiAccess(admin, { id: key.id, expiresAt: inDays(20) }),
    ]);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    const answers = await Promise.all([key.token, first.data.token, second.data.token].map((token) => verifyToken({ token })));
    expect(answers.filter((answer) => answer.valid)).toHaveLength(1);
  });

  it('lets one of two racing creates of one name win, and tells the other it is a duplicate', async () => {
    const name = `race-${Date.now()}`;
    const results = await Promise.all([
      createApiAccess(admin, { name, expiresAt: inDays(5) }),
      createApiAccess(admin, { name: name.toUpperCase(), expiresAt: inDays(5) }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { name: [expect.stringContaining('already exists')] },
    });
  });
});
