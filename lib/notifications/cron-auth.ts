import { createHash, timingSafeEqual } from 'node:crypto';
import { failure, type Failure } from '@/lib/errors';
import { settings } from '@/lib/settings';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The cron route's only gate: `Authorization: Bearer $CRON_SECRET`, compared in constant time
 * (digests of equal length, whatever was sent). Unset secret: the route is off, and says so.
 */
export function checkCronAuthorization(header: string | null): Failure | null {
  const secret = settings().CRON_SECRET;
  if (!secret) {
    return failure(
      'UNAVAILABLE',
      'Expiry notifications cannot be triggered over HTTP: set CRON_SECRET on the server to enable this route.',
    );
  }
  const expected = digest(`Bearer ${secret}`);
  if (header !== null && timingSafeEqual(digest(header), expected)) return null;
  return failure('UNAUTHENTICATED', 'Send Authorization: Bearer <CRON_SECRET>.');
}
