import type { Sql } from 'postgres';

/**
 * What the role Keygate runs as (DATABASE_URL) may do, granted by the owner of the tables
 * (DATABASE_MIGRATION_URL) after every migration, so tables added later are covered: read and
 * write every table of the schema, except the audit log, which takes inserts and reads only.
 * Owning nothing, that role cannot disable the audit log's trigger, set
 * session_replication_role, or alter or drop anything. Drizzle's own `drizzle` schema (the
 * migration journal) is not granted: only the owner reads it.
 *
 * Grants are skipped for a role that is a superuser or a member of the owner: it already holds
 * everything, and revoking from the owner itself would be meaningless.
 */
export async function grantRuntimePrivileges(sql: Sql, role: string): Promise<'granted' | 'shares-owner'> {
  const [holder] = await sql<{ sharesOwner: boolean }[]>`
    select rolsuper or pg_has_role(${role}, current_user, 'MEMBER') as "sharesOwner" from pg_roles where rolname = ${role}`;
  if (!holder) throw new Error(`The database role ${role} of DATABASE_URL does not exist.`);
  if (holder.sharesOwner) return 'shares-owner';
  // One transaction: a half-granted role is never seen, and instances starting together (already
  // taking turns under the migration lock) never run GRANTs on the same table at once.
  await sql.begin(async (tx) => {
    await tx`grant usage on schema public to ${tx(role)}`;
    await tx`grant select, insert, update, delete on all tables in schema public to ${tx(role)}`;
    await tx`grant usage, select on all sequences in schema public to ${tx(role)}`;
    await tx`revoke update, delete, truncate, references, trigger on audit_logs from ${tx(role)}`;
  });
  return 'granted';
}
