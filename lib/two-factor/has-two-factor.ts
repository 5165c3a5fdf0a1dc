import { Column, getTableName, is, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { passkeys, totpAuthenticators } from '@/db/schema';

/**
 * The outer query's column, always with its table's name: drizzle writes a one-table query's
 * columns bare, and a bare "id" inside `select … from passkeys` would be the passkey's own id.
 */
const outer = (userId: AnyPgColumn | SQL): SQL | AnyPgColumn =>
  is(userId, Column) ? sql`${sql.identifier(getTableName(userId.table))}.${sql.identifier(userId.name)}` : userId;

/** Whether the user of `userId` has two-factor on: a confirmed authenticator app or at least one passkey. The one place that says so. */
export const hasTwoFactorSql = (column: AnyPgColumn | SQL): SQL<boolean> => {
  const userId = outer(column);
  return sql<boolean>`(exists (select 1 from ${totpAuthenticators} where ${totpAuthenticators.userId} = ${userId} and ${totpAuthenticators.confirmedAt} is not null) or exists (select 1 from ${passkeys} where ${passkeys.userId} = ${userId}))`;
};

/**
 * Whether the session `sessionId` set up one of the user's second factors (confirmed the
 * authenticator app with a code, or registered a passkey): it used that factor then, so it counts
 * as having passed it without signing in again.
 */
export const sessionSetUpSecondFactorSql = (column: AnyPgColumn | SQL, sessionId: string): SQL<boolean> => {
  const userId = outer(column);
  return sql<boolean>`(exists (select 1 from ${totpAuthenticators} where ${totpAuthenticators.userId} = ${userId} and ${totpAuthenticators.confirmedSessionId} = ${sessionId}) or exists (select 1 from ${passkeys} where ${passkeys.userId} = ${userId} and ${passkeys.createdSessionId} = ${sessionId}))`;
};
