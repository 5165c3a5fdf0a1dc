import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { roles, userRoles, users } from '@/db/schema';
import { ADMIN_ROLE_NAME } from '@/lib/auth/permissions';

export type Recipient = { userId: string; email: string; name: string };

/**
 * Who hears about each author's keys: the author while they exist and are enabled; otherwise
 * (deleted, disabled, or a key with no author) every enabled user holding ADMIN. An empty list
 * means nobody can be told.
 */
export async function recipientsByAuthor(q: Queryable, authorIds: (string | null)[]): Promise<Map<string | null, Recipient[]>> {
  const ids = [...new Set(authorIds.filter((id): id is string => id !== null))];
  const active = ids.length
    ? await q
        .select({ userId: users.id, email: users.email, name: users.name })
        .from(users)
        .where(and(inArray(users.id, ids), eq(users.disabled, false)))
    : [];
  const byId = new Map(active.map((user) => [user.userId, user]));
  let admins: Recipient[] | undefined;
  const result = new Map<string | null, Recipient[]>();
  for (const authorId of new Set(authorIds)) {
    const author = authorId === null ? undefined : byId.get(authorId);
    if (author) {
      result.set(authorId, [author]);
      continue;
    }
    admins ??= await activeAdmins(q);
    result.set(authorId, admins);
  }
  return result;
}

/** Every enabled user holding ADMIN. */
export async function activeAdmins(q: Queryable): Promise<Recipient[]> {
  return q
    .selectDistinct({ userId: users.id, email: users.email, name: users.name })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(roles.name, ADMIN_ROLE_NAME), eq(users.disabled, false)))
    .orderBy(users.email);
}
