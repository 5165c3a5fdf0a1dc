import { describe, expect, it } from 'vitest';
import { isMetricsToken } from '@/lib/metrics/metrics-token';

describe('the metrics token', () => {
  const expected = 'scrape-me-0123456789';
  it('accepts exactly `Bearer <METRICS_TOKEN>`, the scheme in any case', () => {
    expect(isMetricsToken(`Bearer ${expected}`, expected)).toBe(true);
    expect(isMetricsToken(`bearer ${expected}`, expected)).toBe(true);
  });
  it('refuses a missing header, another scheme, another token, a prefix or an extension of it', () => {
    for (const header of [
      undefined,
      '',
      expected,
      `Basic ${expected}`,
      'Bearer nope',
      `Bearer ${expected.slice(0, -1)}`,
      `Bearer ${expected}x`,
      'Bearer ',
    ]) {
      expect(isMetricsToken(header, expected), String(header)).toBe(false);
    }
  });
});
