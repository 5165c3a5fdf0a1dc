import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { roles, userRoles, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { ADMIN_ROLE_NAME } from '@/lib/auth/permissions';
import { rememberSecret } from './log-secrets';

// Seeding that needs only the database: the Playwright process (outside Next and vitest) uses it too.

export async function roleId(name: string): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, name));
  if (!row) throw new Error(`no role ${name}`);
  return row.id;
}

/** A real user in the database, with the named roles, seeded directly (not through the code under test). */
export async function seedUser(options: { email?: string; roleNames?: string[]; password?: string; disabled?: boolean } = {}) {
  const email = options.email ?? `user-${randomUUID().slice(0, 8)}@example.com`;
  const password = options.password ?? 'correct horse battery';
  const passwordHash = await hashPassword(password);
  rememberSecret(password, passwordHash);
  const [user] = await db
    .insert(users)
    .values({ email, name: email.split('@')[0]!, passwordHash, disabled: options.disabled ?? false })
    .returning({ id: users.id });
  for (const name of options.roleNames ?? [ADMIN_ROLE_NAME]) {
    await db.insert(userRoles).values({ userId: user!.id, roleId: await roleId(name) });
  }
  return { id: user!.id, email, password };
}
