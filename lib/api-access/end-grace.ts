import { sql } from 'drizzle-orm';
import { apiAccess } from '@/db/schema';

/** An update's columns that stop a rotation's previous token now (if it still works): disabling, a leak report. */
export const END_GRACE_NOW = { previousTokenExpiresAt: sql`least(${apiAccess.previousTokenExpiresAt}, now())` };
