import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { passkeys, totpAuthenticators } from '@/db/schema';

/** Whether the user of `userId` has two-factor on: a confirmed authenticator app or at least one passkey. The one place that says so. */
export const hasTwoFactorSql = (userId: AnyPgColumn | SQL): SQL<boolean> =>
  sql<boolean>`(exists (select 1 from ${totpAuthenticators} where ${totpAuthenticators.userId} = ${userId} and ${totpAuthenticators.confirmedAt} is not null) or exists (select 1 from ${passkeys} where ${passkeys.userId} = ${userId}))`;

/**
 * Whether the session `sessionId` set up one of the user's second factors (confirmed the
 * authenticator app with a code, or registered a passkey): it used that factor then, so it counts
 * as having passed it without signing in again.
 */
export const sessionSetUpSecondFactorSql = (userId: AnyPgColumn | SQL, sessionId: string): SQL<boolean> =>
  sql<boolean>`(exists (select 1 from ${totpAuthenticators} where ${totpAuthenticators.userId} = ${userId} and ${totpAuthenticators.confirmedSessionId} = ${sessionId}) or exists (select 1 from ${passkeys} where ${passkeys.userId} = ${userId} and ${passkeys.createdSessionId} = ${sessionId}))`;
