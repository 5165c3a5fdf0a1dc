import { z } from 'zod';

/** SPEC §7: a previous token may be kept working for at most 7 days after a regeneration. */
export const GRACE_PERIOD_MAX_SECONDS = 604_800;

/** The Regenerate form's "Keep the old token working for" choices (SPEC §2); None is the default. */
export const GRACE_PERIOD_CHOICES = [
  { label: 'None', seconds: 0 },
  { label: '1 hour', seconds: 3_600 },
  { label: '24 hours', seconds: 86_400 },
  { label: '7 days', seconds: GRACE_PERIOD_MAX_SECONDS },
] as const;

export const gracePeriodSecondsSchema = z
  .number({ error: 'Give the grace period as a whole number of seconds.' })
  .int('Give the grace period as a whole number of seconds.')
  .min(0, 'The grace period cannot be negative.')
  .max(GRACE_PERIOD_MAX_SECONDS, `The grace period is at most ${GRACE_PERIOD_MAX_SECONDS.toLocaleString('en')} seconds (7 days).`)
  .default(0)
  .describe('How long the replaced token keeps working (0–604,800 s, never past its own expiry); 0: it stops at once');

/**
 * When the token a regeneration replaces stops: after the grace, but never later than the
 * expiry it had. Null when it stops at once (no grace, or the key had already expired).
 */
export function graceEnd(previousExpiresAt: Date, graceSeconds: number, now: Date): Date | null {
  const end = Math.min(now.getTime() + graceSeconds * 1000, previousExpiresAt.getTime());
  return end > now.getTime() ? new Date(end) : null;
}

/** The previous token's end while it still works; null once it has stopped (or there is none). */
export const previousTokenEnd = (row: { previousTokenExpiresAt: Date | null }, now: Date) =>
  row.previousTokenExpiresAt && row.previousTokenExpiresAt > now ? row.previousTokenExpiresAt : null;
