import { DAY_MS } from '@/lib/time';

/** Keys this close to expiry are "Expiring soon" (the window of the 7-day notice). */
export const EXPIRING_SOON_DAYS = 7;

/** SPEC: a key is Active before its expiration instant and Expired from it on. Every check of a key's expiry asks here. */
export const isExpired = (expiresAt: Date, now: Date | number = Date.now()) => expiresAt.getTime() <= +now;

type KeyState = { expiresAt: Date; enabled: boolean };

/** SPEC §1: Expired from the expiration instant on; before it Disabled when the key is not enabled; otherwise Active. */
export const statusAt = (key: KeyState, now: Date | number = Date.now()) =>
  isExpired(key.expiresAt, now) ? 'Expired' : key.enabled ? 'Active' : 'Disabled';

/** Active (enabled, not expired), with at most EXPIRING_SOON_DAYS left: statusCondition('ExpiringSoon') in SQL. */
export const isExpiringSoon = (key: KeyState, now: Date | number = Date.now()) =>
  statusAt(key, now) === 'Active' && key.expiresAt.getTime() - +now <= EXPIRING_SOON_DAYS * DAY_MS;
