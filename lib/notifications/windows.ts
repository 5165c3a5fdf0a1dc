import type { NoticeThreshold } from './thresholds';
import { DAY_MS, HOUR_MS } from '@/lib/time';

/** Time left before expiry at which each window opens, nearest-to-expiry last. */
const WINDOW_OPENS: { threshold: NoticeThreshold; leadMs: number }[] = [
  { threshold: '30d', leadMs: 30 * DAY_MS },
  { threshold: '7d', leadMs: 7 * DAY_MS },
  { threshold: '1d', leadMs: DAY_MS },
  { threshold: 'expired', leadMs: 0 },
];

/** Expiries older than this are never announced (a first deployment does not flood anyone). */
export const EXPIRED_NOTICE_LIMIT_MS = 72 * HOUR_MS;

export type KeyPlan = {
  /** The notice due now, if any. */
  notice: NoticeThreshold | null;
  /** When to look at the key again (the next window it will be announced in), or null when nothing more is due. */
  nextCheckAt: Date | null;
};

/**
 * SPEC §4's windows for one key at `now`. Windows do not overlap (30-day: more than 7 and at
 * most 30 days left; 7-day: more than 1 and at most 7; 1-day: at most 1; expired: less than
 * 72 hours ago), so a key first seen inside one gets only that window's notice. A threshold is
 * skipped when the key's validity (from creation or regeneration) was not longer than it.
 */
export function planKey(key: { expiresAt: Date; validFrom: Date }, now: Date): KeyPlan {
  const expires = key.expiresAt.getTime();
  const left = expires - now.getTime();
  const validity = expires - key.validFrom.getTime();
  if (left <= -EXPIRED_NOTICE_LIMIT_MS) return { notice: null, nextCheckAt: null };
  const announced = WINDOW_OPENS.filter((window) => validity > window.leadMs);
  // The window `now` is in: the last one that has opened (windows open in order).
  const current = WINDOW_OPENS.findLast((window) => left <= window.leadMs);
  const notice = current && announced.includes(current) ? current.threshold : null;
  const next = announced.find((window) => left > window.leadMs);
  return { notice, nextCheckAt: next ? new Date(expires - next.leadMs) : null };
}

/** Where a new or regenerated key's notice cycle starts: the first window it will be announced in. */
export const firstNoticeCheck = (expiresAt: Date, validFrom: Date) => planKey({ expiresAt, validFrom }, validFrom).nextCheckAt;
