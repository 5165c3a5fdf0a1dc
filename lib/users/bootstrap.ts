import { randomBytes } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { roles, userRoles, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { ADMIN_ROLE_NAME, PREDEFINED_ROLES } from '@/lib/auth/permissions';
import { emailSchema, passwordSchema } from './schemas';
import { KEYGATE_SYSTEM, recordAudit } from '@/lib/audit/record-audit';
import { userSnapshot } from './audit-snapshot';

/** Creates ADMIN and READ_ONLY, or brings their grants up to date with the catalog in code. */
export async function ensurePredefinedRoles(db: Db): Promise<void> {
  for (const [name, definition] of Object.entries(PREDEFINED_ROLES)) {
    const updated = await db
      .update(roles)
      .set({ grants: definition.grants, description: definition.description, predefined: true })
      .where(eq(roles.name, name))
      .returning({ id: roles.id });
    if (updated.length === 0) {
      await db
        .insert(roles)
        .values({ name, ...definition, predefined: true })
        .onConflictDoNothing();
    }
  }
}

export type FirstAdmin = { email: string; password: string; generated: boolean };

/**
 * On a database with no users, creates the administrator. Returns what was
 * created so the caller can print a generated password once; null otherwise.
 */
export async function ensureFirstAdmin(db: Db, settings: { email?: string; password?: string }): Promise<FirstAdmin | null> {
  const email = emailSchema.parse(settings.email || 'admin@example.com');
  const generated = !settings.password;
  // Checked only when it is used: once users exist, ADMIN_PASSWORD is ignored.
  const refused = settings.password ? passwordSchema.safeParse(settings.password).error?.issues[0]?.message : undefined;
  const password = settings.password || randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Two instances starting at once must not both create an admin.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('keygate.first-admin'))`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if (existing && existing.n > 0) return null;
    if (refused) throw new Error(`ADMIN_PASSWORD cannot be used: ${refused}`);
    const [admin] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.name, ADMIN_ROLE_NAME));
    if (!admin) throw new Error('The ADMIN role is missing: run ensurePredefinedRoles first.');
    const [user] = await tx.insert(users).values({ email, name: 'Administrator', passwordHash }).returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: user!.id, roleId: admin.id });
    await recordAudit(tx, KEYGATE_SYSTEM, {
      action: 'user.create',
      targetId: user!.id,
      targetName: email,
      after: userSnapshot({ email, name: 'Administrator', disabled: false, roles: [{ id: admin.id, name: ADMIN_ROLE_NAME }] }),
    });
    return { email, password, generated };
  });
}
