import { describe, expect, it } from 'vitest';
import { formatRelative } from '@/lib/format';

const now = new Date('2026-11-26T12:00:00Z');
const after = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const DAY = 86_400;

describe('formatRelative', () => {
  it.each([
    [null, 'Never'],
    [after(20), 'just now'],
    [after(-3 * 3600), '3 hours ago'],
    [after(29 * DAY), 'in 29 days'],
    [after(-DAY), 'yesterday'],
    [after(44 * DAY), 'in 44 days'],
    [after(90 * DAY), 'in 3 months'],
    [after(-334 * DAY), '11 months ago'],
    [after(400 * DAY), 'in 13 months'],
    [after(-730 * DAY), '2 years ago'],
  ])('%s → %s', (at, text) => {
    expect(formatRelative(at, now)).toBe(text);
  });
});
