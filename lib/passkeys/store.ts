import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { passkeys } from '@/db/schema';

/** What the Account page lists: never the key material. */
export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
}

/** The user's credentials, for the browser to pick from (allowCredentials) or not register twice (excludeCredentials). */
export async function credentialsOf(userId: string) {
  const rows = await db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId));
  return rows.map((row) => ({ id: row.id, transports: row.transports.length ? row.transports : undefined }));
}
