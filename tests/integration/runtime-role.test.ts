import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { db, getSql } from '@/db/client';
import { apiAccessTagCounts, auditLogs } from '@/db/schema';
import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { prepareDatabase, SINGLE_ROLE_WARNING } from '@/server/prepare-database';
import { seedActor, seedApiAccess } from '../support/fixtures';
import { databaseUrl, onServer } from '../support/postgres-server';
import { asRuntimeRole } from '../support/runtime-role';
import { log } from '@/lib/log/logger';

// PostgreSQL words it "table" or "relation" depending on the statement and version.
const NOT_OWNER = /must be owner of (table|relation) audit_logs/;
const auditEntries = async () => (await db.select({ n: count() }).from(auditLogs))[0]!.n;

describe('the database role Keygate runs as (DATABASE_URL)', () => {
  it('cannot switch the audit log’s trigger off, nor change or remove entries', async () => {
    await seedApiAccess();
    const before = await auditEntries();
    expect(before).toBeGreaterThan(0);
    // One session of the app's own pool, so a SET that got through would hold for what follows.
    const session = await getSql().reserve();
    try {
      await expect(session`set session_replication_role = replica`).rejects.toThrow(/permission denied to set parameter/);
      await expect(session`alter table audit_logs disable trigger all`).rejects.toThrow(NOT_OWNER);
      await expect(session`drop trigger audit_logs_append_only on audit_logs`).rejects.toThrow(NOT_OWNER);
      await expect(
        session.unsafe(
          `create or replace function keygate_audit_logs_append_only() returns trigger language plpgsql as $$ begin return old; end $$`,
        ),
      ).rejects.toThrow(/must be owner of function|permission denied for schema public/);
      await expect(session`delete from audit_logs`).rejects.toThrow(/permission denied for table audit_logs/);
      await expect(session`update audit_logs set actor_name = 'someone else'`).rejects.toThrow(/permission denied for table audit_logs/);
      await expect(session`truncate audit_logs`).rejects.toThrow(/permission denied for table audit_logs/);
      await expect(session`drop table audit_logs`).rejects.toThrow(NOT_OWNER);
      await expect(session`select count(*) from drizzle.__drizzle_migrations`).rejects.toThrow(/permission denied for schema drizzle/);
      const [role] = await session<{ superuser: boolean; owns: boolean }[]>`
        select rolsuper as superuser, exists (select 1 from pg_class where relowner = r.oid) as owns from pg_roles r where rolname = current_user`;
      expect(role).toEqual({ superuser: false, owns: false });
    } finally {
      session.release();
    }
    expect(await auditEntries()).toBe(before);
  });

  it('still does the app’s work: keys made, edited and deleted with their audit entries, the tag counts kept by their triggers', async () => {
    const admin = await seedActor(['ADMIN']);
    const before = await auditEntries();
    const key = await seedApiAccess({ actor: admin, tags: ['rr-a'] });
    expect(await updateApiAccess(admin, { id: key.id, tags: ['rr-b'] })).toMatchObject({ ok: true });
    expect(await deleteApiAccess(admin, { id: key.id })).toMatchObject({ ok: true });
    expect(await auditEntries()).toBe(before + 3);
    const counts = await db.select().from(apiAccessTagCounts).where(eq(apiAccessTagCounts.tag, 'rr-b'));
    expect(counts).toEqual([{ tag: 'rr-b', keys: 0 }]);
  });
});

describe('preparing the database at start', () => {
  const saved = { runtime: process.env.DATABASE_URL, owner: process.env.DATABASE_MIGRATION_URL };
  afterEach(() => {
    process.env.DATABASE_URL = saved.runtime;
    process.env.DATABASE_MIGRATION_URL = saved.owner;
    vi.restoreAllMocks();
  });

  it('migrates as the owner and grants the runtime role what it needs, tables added later included; one role alone is warned about', async () => {
    const serverUrl = inject('testServerUrl');
    const name = `keygate_roles_${randomBytes(4).toString('hex')}`;
    await onServer(serverUrl, `create database ${name}`);
    const ownerUrl = databaseUrl(serverUrl, name);
    const warn = vi.spyOn(log(), 'warn').mockImplementation(() => {});
    const runtime = postgres(asRuntimeRole(ownerUrl), { max: 1, onnotice: () => {} });
    try {
      process.env.DATABASE_MIGRATION_URL = ownerUrl;
      process.env.DATABASE_URL = asRuntimeRole(ownerUrl);
      await prepareDatabase();
      expect(warn).not.toHaveBeenCalled();
      await runtime`insert into audit_logs (actor_kind, actor_name, action, target_type) values ('system', 'Keygate', 'test.entry', 'test')`;
      await expect(runtime`delete from audit_logs`).rejects.toThrow(/permission denied/);

      // A table a later migration adds is granted at the next start.
      const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
      await owner`create table added_later (id int)`.finally(() => owner.end());
      await expect(runtime`insert into added_later values (1)`).rejects.toThrow(/permission denied/);
      await prepareDatabase();
      await runtime`insert into added_later values (1)`;

      // DATABASE_URL alone: as before, with one line saying what rests on the trigger.
      delete process.env.DATABASE_MIGRATION_URL;
      process.env.DATABASE_URL = ownerUrl;
      await prepareDatabase();
      expect(warn.mock.calls).toEqual([[SINGLE_ROLE_WARNING]]);

      // Both settings naming the owner (here a superuser): said at start, not silently accepted.
      warn.mockClear();
      process.env.DATABASE_MIGRATION_URL = ownerUrl;
      await prepareDatabase();
      expect(warn.mock.calls).toEqual([[expect.stringMatching(/^The role of DATABASE_URL \(postgres\) is a superuser/)]]);
    } finally {
      await runtime.end();
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    }
  });
});
