import { describe, expect, it } from 'vitest';
import { firstNoticeCheck, planKey } from '@/lib/notifications/windows';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const expiresAt = new Date('2027-06-01T12:00:00Z');
const at = (left: number) => new Date(expiresAt.getTime() - left);
const key = (validity: number) => ({ expiresAt, validFrom: at(validity) });

describe('notice windows', () => {
  it.each([
    [31 * DAY, null],
    [30 * DAY, '30d'],
    [7 * DAY + 1, '30d'],
    [7 * DAY, '7d'],
    [DAY + 1, '7d'],
    [DAY, '1d'],
    [1, '1d'],
    [0, 'expired'],
    [-72 * HOUR + 1, 'expired'],
    [-72 * HOUR, null],
  ])('with %d ms left, the notice due is %s (windows do not overlap)', (left, notice) => {
    expect(planKey(key(60 * DAY), at(left)).notice).toBe(notice);
  });

  it('moves the next check to the start of the next window', () => {
    expect(planKey(key(60 * DAY), at(40 * DAY)).nextCheckAt).toEqual(at(30 * DAY));
    expect(planKey(key(60 * DAY), at(29 * DAY)).nextCheckAt).toEqual(at(7 * DAY));
    expect(planKey(key(60 * DAY), at(5 * DAY)).nextCheckAt).toEqual(at(DAY));
    expect(planKey(key(60 * DAY), at(HOUR)).nextCheckAt).toEqual(expiresAt);
    expect(planKey(key(60 * DAY), at(-HOUR)).nextCheckAt).toBeNull();
  });

  it('skips a threshold the validity was not longer than', () => {
    // Created with 30 days (the preset): no 30-day notice, the next check is the 7-day window.
    expect(planKey(key(30 * DAY), at(30 * DAY))).toEqual({ notice: null, nextCheckAt: at(7 * DAY) });
    expect(planKey(key(5 * DAY), at(4 * DAY))).toEqual({ notice: null, nextCheckAt: at(DAY) });
    expect(planKey(key(DAY), at(HOUR))).toEqual({ notice: null, nextCheckAt: expiresAt });
    expect(planKey(key(DAY), at(-HOUR)).notice).toBe('expired');
  });

  it('starts a new key at its first announced window', () => {
    expect(firstNoticeCheck(expiresAt, at(366 * DAY))).toEqual(at(30 * DAY));
    expect(firstNoticeCheck(expiresAt, at(20 * DAY))).toEqual(at(7 * DAY));
    expect(firstNoticeCheck(expiresAt, at(HOUR))).toEqual(expiresAt);
  });
});
