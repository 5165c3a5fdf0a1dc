import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, getSql } from '@/db/client';
import { apiAccess, auditLogs } from '@/db/schema';
import { createApiAccess } from '@/lib/api-access/create-api-access';
import { bulkDeleteApiAccess, deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { getApiAccess, listApiAccess, listApiAccessPage, listTags } from '@/lib/api-access/queries';
import { listParamsSchema } from '@/lib/api-access/table-params';
import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import type { Actor } from '@/lib/auth/actor';
import { createRole } from '@/lib/roles/create-role';
import { tokenDigest } from '@/lib/tokens/token';
import { actorWith, inDays, roleId, seedActor, seedApiAccess } from '../support/fixtures';

let admin: Actor;
let n = 0;
const fresh = (overrides: Record<string, unknown> = {}) => ({ name: `key-${++n}`, expiresAt: inDays(30), ...overrides });

const countKeys = async () => (await db.select().from(apiAccess)).length;

beforeAll(async () => {
  admin = await seedActor();
});

describe('createApiAccess', () => {
  it('returns the token once and stores only its digest and first 8 chars; the audit entry never holds it', async () => {
    const { apiAccess: created, token } = await seedApiAccess({
      actor: admin,
      description: 'Deploys',
      tags: ['ci', 'team:core'],
      roles: [await roleId('READ_ONLY')],
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^ak_[a-z2-7]{20}$/),
      type: 'API_KEY',
      status: 'Active',
      tags: ['ci', 'team:core'],
      roles: [{ name: 'READ_ONLY' }],
      createdBy: { kind: 'user', id: admin.id },
      lastUsedAt: null,
    });
    expect(token).toMatch(/^kg_[0-9A-Za-z]{49}$/);
    expect(created.tokenStart).toBe(token.slice(0, 8));
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, created.id));
    expect(row!.tokenDigest).toBe(tokenDigest(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.targetId, created.id));
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(token.slice(8));
  });

  it.each([
    ['an empty name', { name: ' ' }, 'name'],
    ['a 65-character name', { name: 'n'.repeat(65) }, 'name'],
    ['a control character in the name', { name: 'billing\u0085export' }, 'name'],
    ['a zero-width space in the name', { name: 'billing\u200bexport' }, 'name'],
    ['a right-to-left override in the name', { name: 'invoice\u202etxt.exe' }, 'name'],
    ['a byte-order mark inside the name', { name: 'bill\ufeffing' }, 'name'],
    ['a past expiry', { expiresAt: inDays(-1) }, 'expiresAt'],
    ['an expiry over 366 days ahead', { expiresAt: inDays(367) }, 'expiresAt'],
    ['no expiry', { expiresAt: undefined }, 'expiresAt'],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ['a tag with a space', { tags: ['two words'] }, 'tags.0'],
    ['a 41-character tag', { tags: ['t'.repeat(41)] }, 'tags.0'],
    ['a 1,001-character description', { description: 'd'.repeat(1001) }, 'description'],
    ['six roles', { roles: Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`) }, 'roles'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await countKeys();
    const result = await createApiAccess.fromRequestBody(admin, fresh(overrides));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('VALIDATION');
    expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    expect(await countKeys()).toBe(before);
  });

  // The probe's invisible characters, each a default-ignorable or format character, found by property.
  it.each(['\u00ad', '\u180e', '\u034f', '\ufe0f', '\u3164', '\u{e0041}', '\ufff9', '\u2028'])(
    'refuses the invisible character %j in an Access Name, naming it, and writes nothing',
    async (character) => {
      const before = await countKeys();
      const result = await createApiAccess.fromRequestBody(admin, fresh({ name: `billing${character}export` }));
      const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(result).toMatchObject({
        ok: false,
        code: 'VALIDATION',
        fieldErrors: { name: [expect.stringContaining(`(${codePoint} found)`)] },
      });
      expect(await countKeys()).toBe(before);
    },
  );

  it('keeps visible names of every script, accents and emoji included', async () => {
    for (const name of ['facturación-ç', 'платежи', '請求書', 'ชำระเงิน', 'deploy 🚀', 'e\u0301te']) {
      expect((await createApiAccess(admin, fresh({ name: `${name}-${Math.random().toString(36).slice(2, 6)}` }))).ok, name).toBe(true);
    }
  });

  it('refuses an unknown role id and a duplicate name (ignoring case), writing nothing', async () => {
    const before = await countKeys();
    expect(await createApiAccess.fromRequestBody(admin, fresh({ roles: ['00000000-0000-4000-8000-000000000000'] }))).toMatchObject({
      ok: false,
      fieldErrors: { roles: ['One of the chosen roles does not exist.'] },
    });
    await seedApiAccess({ actor: admin, name: 'Billing Export' });
    expect(await createApiAccess.fromRequestBody(admin, fresh({ name: 'billing export' }))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      fieldErrors: { name: ['An API Access named “billing export” already exists.'] },
    });
    expect(await countKeys()).toBe(before + 1);
  });

  it('stores HTML-looking names and descriptions as they were typed, and refuses markup in tags', async () => {
    const { apiAccess: created } = await seedApiAccess({
      actor: admin,
      name: '<b>x</b><script>1</script>',
      description: '<img src=x onerror=alert(1)>',
    });
    const read = await getApiAccess({ actor: admin, id: created.id });
    expect(read).toMatchObject({ ok: true, data: { name: '<b>x</b><script>1</script>', description: '<img src=x onerror=alert(1)>' } });
    const tagged = await createApiAccess.fromRequestBody(admin, fresh({ tags: ['<script>'] }));
    expect(tagged).toMatchObject({ ok: false, fieldErrors: { 'tags.0': [expect.stringContaining('letters, digits')] } });
  });
});

describe('name patterns and roles for a pattern-limited actor', () => {
  let ciOnly: Actor;
  beforeAll(async () => {
    const role = await createRole(admin, {
      name: 'CI Creator',
      description: '',
      grants: [{ permission: 'createApiAccess', accessNamePattern: '^ci-.*' }, { permission: 'updateApiAccess' }],
    });
    if (!role.ok) throw new Error(role.message);
    ciOnly = await seedActor(['CI Creator']);
  });

  it('creates inside the pattern and refuses outside it, naming the pattern', async () => {
    expect((await createApiAccess.fromRequestBody(ciOnly, fresh({ name: 'ci-deploy' }))).ok).toBe(true);
    const refused = await createApiAccess.fromRequestBody(ciOnly, fresh({ name: 'prod-deploy' }));
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', fieldErrors: { name: ['The name must fully match “^ci-.*”.'] } });
  });

  it('cannot set roles without getRole', async () => {
    const refused = await createApiAccess.fromRequestBody(ciOnly, fresh({ name: 'ci-with-role', roles: [await roleId('READ_ONLY')] }));
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', fieldErrors: { roles: [expect.stringContaining('getRole')] } });
  });

  it('renames only within the pattern', async () => {
    const { apiAccess: created } = await seedApiAccess({ actor: ciOnly, name: 'ci-rename-me' });
    expect(await updateApiAccess(ciOnly, { id: created.id, name: 'prod-renamed' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await updateApiAccess(ciOnly, { id: created.id, name: 'ci-renamed' })).toMatchObject({ ok: true, data: { name: 'ci-renamed' } });
  });

  it('cannot give a key a role it does not hold', async () => {
    const limited = actorWith('createApiAccess', 'getRole', 'listApiAccess');
    const refused = await createApiAccess.fromRequestBody(limited, fresh({ roles: [await roleId('ADMIN')] }));
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('You cannot assign ADMIN') });
  });
});

describe('updateApiAccess', () => {
  it('edits fields and roles, auditing before and after', async () => {
    const role = await createRole(admin, { name: 'Reporter', description: '', grants: [{ permission: 'listApiAccess' }] });
    if (!role.ok) throw new Error(role.message);
    const { apiAccess: created } = await seedApiAccess({ actor: admin, tags: ['a'] });
    const result = await updateApiAccess(admin, {
      id: created.id,
      description: 'now described',
      tags: ['a', 'b'],
      roles: [role.data.id],
    });
    expect(result).toMatchObject({ ok: true, data: { description: 'now described', tags: ['a', 'b'], roles: [{ name: 'Reporter' }] } });
    const [entry] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'apiAccess.update'), eq(auditLogs.targetId, created.id)));
    expect(entry!.changes).toEqual({
      before: { description: '', tags: ['a'], roles: [] },
      after: { description: 'now described', tags: ['a', 'b'], roles: ['Reporter'] },
    });
  });

  it('answers NOT_FOUND for an unknown Access ID', async () => {
    expect(await updateApiAccess(admin, { id: 'ak_aaaaaaaaaaaaaaaaaaaa', name: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await getApiAccess({ actor: admin, id: 'nope' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('regenerateApiAccess', () => {
  it('replaces the token and expiry at once and starts a new validity period', async () => {
    const { apiAccess: created, token: oldToken } = await seedApiAccess({ actor: admin });
    const result = await regenerateApiAccess(admin, { id: created.id, expiresAt: inDays(90) });
    if (!result.ok) throw new Error(result.message);
    expect(result.data.token).not.toBe(oldToken);
    const [row] = await db.select().from(apiAccess).where(eq(apiAccess.id, created.id));
    expect(row!.tokenDigest).toBe(tokenDigest(result.data.token));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(inDays(89).getTime());
    expect(
      await db
        .select()
        .from(apiAccess)
        .where(eq(apiAccess.tokenDigest, tokenDigest(oldToken))),
    ).toHaveLength(0);
  });

  it('requires a valid new expiration date', async () => {
    const { apiAccess: created } = await seedApiAccess({ actor: admin });
    expect(await regenerateApiAccess(admin, { id: created.id, expiresAt: inDays(-2) })).toMatchObject({
      ok: false,
      fieldErrors: { expiresAt: [expect.any(String)] },
    });
    expect(await regenerateApiAccess.fromRequestBody(admin, { id: created.id })).toMatchObject({ ok: false, code: 'VALIDATION' });
  });
});

describe('deleteApiAccess and bulkDeleteApiAccess', () => {
  it('deletes one for good', async () => {
    const { apiAccess: created } = await seedApiAccess({ actor: admin });
    expect(await deleteApiAccess(admin, { id: created.id })).toMatchObject({ ok: true });
    expect(await getApiAccess({ actor: admin, id: created.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await deleteApiAccess(admin, { id: created.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes all or nothing: one unknown id and every key stays', async () => {
    const a = (await seedApiAccess({ actor: admin })).apiAccess.id;
    const b = (await seedApiAccess({ actor: admin })).apiAccess.id;
    const refused = await bulkDeleteApiAccess(admin, { ids: [a, 'ak_zzzzzzzzzzzzzzzzzzzz', b] });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_FOUND', message: expect.stringContaining('Nothing was deleted') });
    expect((await getApiAccess({ actor: admin, id: a })).ok && (await getApiAccess({ actor: admin, id: b })).ok).toBe(true);
    expect(await bulkDeleteApiAccess(admin, { ids: [a, b] })).toEqual({ ok: true, data: { deleted: 2 } });
  });
});

describe('permission checks', () => {
  it('refuses every operation to an actor without its permission', async () => {
    const { apiAccess: created } = await seedApiAccess({ actor: admin });
    const nobody = actorWith('getUser');
    const params = listParamsSchema.parse({});
    expect(await listApiAccess({ actor: nobody, params })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await getApiAccess({ actor: nobody, id: created.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await createApiAccess.fromRequestBody(nobody, fresh())).toMatchObject({ code: 'FORBIDDEN' });
    expect(await updateApiAccess(nobody, { id: created.id, name: 'x' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await regenerateApiAccess(nobody, { id: created.id, expiresAt: inDays(5) })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await deleteApiAccess(nobody, { id: created.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await bulkDeleteApiAccess(nobody, { ids: [created.id] })).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('listApiAccess', () => {
  it('filters by status, role, tag and name, sorts and paginates on the server', async () => {
    const reader = await seedActor();
    const tag = `list-${Date.now()}`;
    const ro = await roleId('READ_ONLY');
    for (const [name, days, roles] of [
      ['alpha', 10, [ro]],
      ['Bravo', 20, []],
      ['charlie', 5, [ro]],
    ] as const) {
      await seedApiAccess({ actor: reader, name: `${tag}-${name}`, expiresAt: inDays(days), tags: [tag], roles: [...roles] });
    }
    await db
      .update(apiAccess)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiAccess.name, `${tag}-charlie`));
    const list = async (raw: Record<string, string>) => {
      const result = await listApiAccess({ actor: reader, params: listParamsSchema.parse({ tag, ...raw }) });
      if (!result.ok) throw new Error(result.message);
      return { names: result.data.items.map((item) => item.name.replace(`${tag}-`, '')), total: result.data.total };
    };
    expect(await list({ sort: 'name', dir: 'asc' })).toEqual({ names: ['alpha', 'Bravo', 'charlie'], total: 3 });
    expect(await list({ sort: 'expiration', dir: 'desc' })).toEqual({ names: ['Bravo', 'alpha', 'charlie'], total: 3 });
    expect(await list({ status: 'Expired' })).toEqual({ names: ['charlie'], total: 1 });
    expect((await list({ status: 'Active' })).total).toBe(2);
    expect((await list({ role: ro, sort: 'name', dir: 'asc' })).names).toEqual(['alpha', 'charlie']);
    expect((await list({ q: 'RAV' })).names).toEqual(['Bravo']);
    expect((await list({ q: '%' })).total).toBe(0);
  });

  it('pages by keyset in every sort: Next, Previous, First and Last see every key once, in order', async () => {
    const reader = await seedActor();
    const tag = `pages-${Date.now()}`;
    const names: string[] = [];
    // Six keys share each of five expiration instants (as dates picked in the form do): the
    // Access ID breaks those ties, and no key may be skipped or shown twice across a page boundary.
    const expiries = [3, 9, 1, 27, 14].map((days) => inDays(days));
    for (let i = 0; i < 30; i++) {
      const name = `${tag}-${String((i * 7) % 30).padStart(2, '0')}`;
      names.push(name);
      await seedApiAccess({ actor: reader, name, expiresAt: expiries[i % 5], tags: [tag] });
    }
    // The expected order, written independently of the keyset code: plain ORDER BY in SQL.
    const ORDER_BY = { name: 'lower(name)', created: 'created_at', expiration: 'expires_at' } as const;
    const expectedOrder = async (sort: keyof typeof ORDER_BY, dir: 'asc' | 'desc') =>
      (
        await getSql().unsafe(`select name from api_access where tags @> array[$1]::text[] order by ${ORDER_BY[sort]} ${dir}, id ${dir}`, [
          tag,
        ])
      ).map((row) => row.name as string);
    const list = async (raw: Record<string, string | undefined>) => {
      const result = await listApiAccess({ actor: reader, params: listParamsSchema.parse({ tag, ...raw }) });
      if (!result.ok) throw new Error(result.message);
      return { ...result.data, names: result.data.items.map((item) => item.name) };
    };
    for (const [sort, dir] of [
      ['name', 'asc'],
      ['name', 'desc'],
      ['created', 'asc'],
      ['created', 'desc'],
      ['expiration', 'asc'],
      ['expiration', 'desc'],
    ] as const) {
      const first = await list({ sort, dir });
      expect(first).toMatchObject({ total: 30, previous: null });
      expect(first.names).toHaveLength(25);
      const second = await list({ sort, dir, after: first.next! });
      expect(second.names).toHaveLength(5);
      expect(second.next).toBeNull();
      const everything = [...first.names, ...second.names];
      expect(new Set(everything).size).toBe(30);
      expect(everything).toEqual(await expectedOrder(sort, dir));
      if (sort === 'name') expect(everything).toEqual([...names].sort()[dir === 'asc' ? 'slice' : 'reverse']());
      // Previous from the second page is the first; Last is the final 25, and Previous from it
      // (only 5 before it) the full first page again.
      expect((await list({ sort, dir, before: second.previous! })).names).toEqual(first.names);
      const last = await list({ sort, dir, last: '1' });
      expect(last.names).toEqual(everything.slice(-25));
      expect(last.next).toBeNull();
      const back = await list({ sort, dir, before: last.previous! });
      expect(back.names).toEqual(first.names);
      expect(back.previous).toBeNull();
    }
    // A cursor that is not one the table made is ignored: the first page.
    expect((await list({ sort: 'created', after: 'bm9wZQ' })).names).toHaveLength(25);
    for (const notAnInstant of ['not a time', '2025-13-45T25:00:00.000000Z', '2026-02-30T10:00:00.000000Z']) {
      const cursor = Buffer.from(JSON.stringify([notAnInstant, 'ak_x'])).toString('base64url');
      expect((await list({ sort: 'expiration', after: cursor })).previous).toBeNull();
      expect(await listApiAccessPage({ actor: reader, filters: {}, cursor, limit: 25 })).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
  });

  it('lists each tag in use once, following creation, tag edits, deletion and bulk deletion', async () => {
    const admin = await seedActor(['ADMIN']);
    const tags = async () => {
      const result = await listTags({ actor: admin });
      if (!result.ok) throw new Error(result.message);
      return result.data.filter((tag) => tag.startsWith('tc-'));
    };
    const one = await seedApiAccess({ actor: admin, tags: ['tc-a', 'tc-b'] });
    const two = await seedApiAccess({ actor: admin, tags: ['tc-b'] });
    const three = await seedApiAccess({ actor: admin, tags: ['tc-c'] });
    expect(await tags()).toEqual(['tc-a', 'tc-b', 'tc-c']);
    expect(await updateApiAccess(admin, { id: one.id, tags: ['tc-b', 'tc-d'] })).toMatchObject({ ok: true });
    expect(await tags()).toEqual(['tc-b', 'tc-c', 'tc-d']);
    expect(await deleteApiAccess(admin, { id: three.id })).toMatchObject({ ok: true });
    expect(await tags()).toEqual(['tc-b', 'tc-d']);
    expect(await bulkDeleteApiAccess(admin, { ids: [one.id, two.id] })).toMatchObject({ ok: true });
    expect(await tags()).toEqual([]);
  });

  it('falls back to defaults for nonsense in the URL', () => {
    expect(
      listParamsSchema.parse({
        sort: 'drop table',
        dir: 'sideways',
        last: '2',
        size: '1000',
        status: 'Maybe',
        role: 'x',
        after: 'x'.repeat(500),
      }),
    ).toEqual({
      q: '',
      status: undefined,
      role: undefined,
      tag: undefined,
      sort: 'created',
      dir: 'desc',
      size: 25,
      after: undefined,
      before: undefined,
      last: undefined,
    });
  });
});
