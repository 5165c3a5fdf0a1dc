import { sql } from 'drizzle-orm';
import { apiAccess } from '@/db/schema';
import { END_GRACE_NOW } from './end-grace';

/** The columns a leak report sets: disabled, the mark and its source, and the end of any rotation's grace (SPEC §7, §8). */
export const leakMark = (source: 'revoke_api' | 'github', url: string | null) => ({
  enabled: false,
  leakedAt: sql`coalesce(${apiAccess.leakedAt}, now())`,
  leakSource: source,
  leakUrl: url,
  ...END_GRACE_NOW,
});

/** What regenerating a leaked key sets: the mark cleared and the key enabled with its new token (SPEC §8). */
export const LEAK_CLEARED = { enabled: true, leakedAt: null, leakSource: null, leakUrl: null };
