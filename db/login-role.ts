import postgres from 'postgres';

/**
 * Makes `name` a LOGIN role with this password and no powers of its own (no superuser, no
 * CREATEDB, CREATEROLE, replication or RLS bypass): the role an app connects as, granted its
 * privileges on the tables by their owner. Run by a superuser (the embedded server's, or the
 * tests'); idempotent, and safe when several processes do it at once (roles are cluster-wide).
 */
export async function ensureLoginRole(superuserUrl: string, role: { name: string; password: string }): Promise<void> {
  const sql = postgres(superuserUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      // Concurrent ALTER ROLEs of one role fail with "tuple concurrently updated": take turns.
      await tx`select pg_advisory_xact_lock(hashtext(${`keygate role ${role.name}`}))`;
      const [existing] = await tx`select 1 from pg_roles where rolname = ${role.name}`;
      if (!existing) await tx`create role ${tx(role.name)}`;
      // Utility statements take no parameters: the password goes in as an escaped literal.
      await tx.unsafe(
        `alter role ${quoteIdentifier(role.name)} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${quoteLiteral(role.password)}`,
      );
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;
