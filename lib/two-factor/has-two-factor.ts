import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { totpAuthenticators } from '@/db/schema';

/**
 * Whether the user of `userId` has two-factor on: one place, so a passkey can later count as a
 * second factor by adding its own `or exists`.
 */
export const hasTwoFactorSql = (userId: AnyPgColumn | SQL): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${totpAuthenticators} where ${totpAuthenticators.userId} = ${userId} and ${totpAuthenticators.confirmedAt} is not null)`;
