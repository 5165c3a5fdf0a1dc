import { describe, expect, it } from 'vitest';
import { formatChange } from '@/lib/audit/format-change';

describe('formatChange', () => {
  it('reads as a person would', () => {
    expect(formatChange([{ permission: 'listApiAccess' }, { permission: 'createApiAccess', accessNamePattern: 'ci-.*' }])).toBe(
      'listApiAccess, createApiAccess (ci-.*)',
    );
    expect(formatChange(['READ_ONLY', 'Support'])).toBe('READ_ONLY, Support');
    expect(formatChange([])).toBe('(none)');
    expect(formatChange('')).toBe('(empty)');
    expect(formatChange(true)).toBe('yes');
    expect(formatChange('2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(formatChange({ limit: 1000, windowSeconds: 60 })).toBe('1,000 requests per minute');
    expect(formatChange({ limit: 1, windowSeconds: 90 })).toBe('1 request per 90 seconds');
    expect(formatChange(['10.0.0.0/24', '2001:db8::/32'])).toBe('10.0.0.0/24, 2001:db8::/32');
  });
});
