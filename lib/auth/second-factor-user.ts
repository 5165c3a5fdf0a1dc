import { and, eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { hasTwoFactorSql } from '@/lib/two-factor/has-two-factor';

/** The user a session is issued to once their second factor was checked: enabled, with their current session version. */
export async function userPassedSecondFactor(userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionVersion: users.sessionVersion,
      twoFactor: hasTwoFactorSql(users.id),
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.disabled, false)));
  if (!user) return null;
  const { twoFactor, ...rest } = user;
  return { ...rest, secondFactor: twoFactor ? ('passed' as const) : undefined };
}

/** Whether the user of this email (lower case) has two-factor: asked only after their password was accepted. */
export async function emailHasTwoFactor(email: string): Promise<boolean> {
  const [user] = await db
    .select({ twoFactor: hasTwoFactorSql(users.id) })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  return user?.twoFactor ?? false;
}
