import postgres from 'postgres';
import { migrateDatabase } from '@/db/migrate';
import { settings } from '@/lib/settings';
import { log } from '@/lib/log/logger';

export const SINGLE_ROLE_WARNING =
  'DATABASE_MIGRATION_URL is not set: Keygate migrates and runs as one database role, so the audit log stays append-only by its trigger alone, which that role may disable (see docs/operations.md).';

/**
 * Migrations run as the owner of the tables (DATABASE_MIGRATION_URL), which then grants the role
 * Keygate runs as (DATABASE_URL) what the app needs and no more. With DATABASE_URL alone, that
 * one role does both, as before, with a warning.
 */
export async function prepareDatabase(): Promise<void> {
  const { DATABASE_URL, DATABASE_MIGRATION_URL: ownerUrl } = settings();
  const runtimeUrl = DATABASE_URL!;
  if (!ownerUrl) {
    log().warn(SINGLE_ROLE_WARNING);
    await migrateDatabase(runtimeUrl);
    return;
  }
  const runtime = postgres(runtimeUrl, { max: 1, onnotice: () => {} });
  try {
    const [current] = await runtime<{ role: string }[]>`select current_user as role`;
    await migrateDatabase(ownerUrl, { runtimeRole: current!.role });
    for (const warning of await auditLogExposure(runtime, current!.role)) log().warn(warning);
  } finally {
    await runtime.end({ timeout: 5 });
  }
}

/** How the role Keygate runs as could still change the audit log, asked as that role (none when set up as docs/operations.md says). */
async function auditLogExposure(runtime: postgres.Sql, role: string): Promise<string[]> {
  const [powers] = await runtime<{ superuser: boolean; owner: boolean; changes: boolean; createsInPublic: boolean }[]>`
    select r.rolsuper as superuser,
      pg_has_role(c.relowner, 'MEMBER') as owner,
      has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE') or has_table_privilege(c.oid, 'TRUNCATE') as changes,
      has_schema_privilege('public', 'CREATE') as "createsInPublic"
    from pg_class c, pg_roles r where c.oid = 'public.audit_logs'::regclass and r.rolname = current_user`;
  const warnings: string[] = [];
  const who = `The role of DATABASE_URL (${role})`;
  if (powers!.superuser)
    warnings.push(
      `${who} is a superuser: it can change the audit log despite its trigger. Give Keygate a role of its own (docs/operations.md).`,
    );
  else if (powers!.owner)
    warnings.push(
      `${who} owns the tables (or is a member of their owner): it can disable the audit log's trigger. Give Keygate a role of its own (docs/operations.md).`,
    );
  else if (powers!.changes)
    warnings.push(`${who} may still UPDATE, DELETE or TRUNCATE audit_logs (granted through another role or PUBLIC?).`);
  if (powers!.createsInPublic && !powers!.superuser) {
    warnings.push(
      `${who} may CREATE in schema public (PostgreSQL before 15 lets every role): run REVOKE CREATE ON SCHEMA public FROM PUBLIC as its owner.`,
    );
  }
  return warnings;
}
