import { describe, expect, it } from 'vitest';
import { firstNoticeCheck, planKey } from '@/lib/notifications/windows';
import { DAY_MS, HOUR_MS } from '@/lib/time';

const expiresAt = new Date('2027-06-01T12:00:00Z');
const at = (left: number) => new Date(expiresAt.getTime() - left);
const key = (validity: number) => ({ expiresAt, validFrom: at(validity) });

describe('notice windows', () => {
  it.each([
    [31 * DAY_MS, null],
    [30 * DAY_MS, '30d'],
    [7 * DAY_MS + 1, '30d'],
    [7 * DAY_MS, '7d'],
    [DAY_MS + 1, '7d'],
    [DAY_MS, '1d'],
    [1, '1d'],
    [0, 'expired'],
    [-72 * HOUR_MS + 1, 'expired'],
    [-72 * HOUR_MS, null],
  ])('with %d ms left, the notice due is %s (windows do not overlap)', (left, notice) => {
    expect(planKey(key(60 * DAY_MS), at(left)).notice).toBe(notice);
  });

  it('moves the next check to the start of the next window', () => {
    expect(planKey(key(60 * DAY_MS), at(40 * DAY_MS)).nextCheckAt).toEqual(at(30 * DAY_MS));
    expect(planKey(key(60 * DAY_MS), at(29 * DAY_MS)).nextCheckAt).toEqual(at(7 * DAY_MS));
    expect(planKey(key(60 * DAY_MS), at(5 * DAY_MS)).nextCheckAt).toEqual(at(DAY_MS));
    expect(planKey(key(60 * DAY_MS), at(HOUR_MS)).nextCheckAt).toEqual(expiresAt);
    expect(planKey(key(60 * DAY_MS), at(-HOUR_MS)).nextCheckAt).toBeNull();
  });

  it('skips a threshold the validity was not longer than', () => {
    // Created with 30 days (the preset): no 30-day notice, the next check is the 7-day window.
    expect(planKey(key(30 * DAY_MS), at(30 * DAY_MS))).toEqual({ notice: null, nextCheckAt: at(7 * DAY_MS) });
    expect(planKey(key(5 * DAY_MS), at(4 * DAY_MS))).toEqual({ notice: null, nextCheckAt: at(DAY_MS) });
    expect(planKey(key(DAY_MS), at(HOUR_MS))).toEqual({ notice: null, nextCheckAt: expiresAt });
    expect(planKey(key(DAY_MS), at(-HOUR_MS)).notice).toBe('expired');
  });

  it('starts a new key at its first announced window', () => {
    expect(firstNoticeCheck(expiresAt, at(366 * DAY_MS))).toEqual(at(30 * DAY_MS));
    expect(firstNoticeCheck(expiresAt, at(20 * DAY_MS))).toEqual(at(7 * DAY_MS));
    expect(firstNoticeCheck(expiresAt, at(HOUR_MS))).toEqual(expiresAt);
  });
});
