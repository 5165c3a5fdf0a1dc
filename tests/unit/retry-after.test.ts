import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '@/lib/notifications/resend-mailer';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('reads seconds and HTTP dates, and ignores what is neither', () => {
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Thu, 26 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 26 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
