import { describe, expect, it } from 'vitest';
import { sameSitePath } from '@/lib/auth/same-site-path';

describe('sameSitePath', () => {
  it.each([
    ['/access-management/api-access?q=x', '/access-management/api-access?q=x'],
    ['/login#top', '/login#top'],
    ['//evil.example/x', '/'],
    ['/\\evil.example/x', '/'],
    ['https://evil.example/access-management', '/'],
    ['javascript:alert(1)', '/'],
    ['http://[', '/'],
  ])('keeps %j as %j', (candidate, path) => {
    expect(sameSitePath(candidate)).toBe(path);
  });

  it('turns an absolute URL on the given origin into its path, and refuses another origin', () => {
    expect(sameSitePath('https://keys.example.com/access-management/roles?x=1', 'https://keys.example.com')).toBe(
      '/access-management/roles?x=1',
    );
    expect(sameSitePath('https://keys.example.com.evil.example/roles', 'https://keys.example.com')).toBe('/');
    expect(sameSitePath('/roles', 'https://keys.example.com')).toBe('/roles');
  });
});
