import { describe, expect, it } from 'vitest';
import { allowedIpsFromForm, rateLimitFromForm, rateWindowChoices } from '@/lib/api-access/form-fields';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe('the controls on the key forms', () => {
  it('reads Allowed IPs one per line, ignoring blank lines and keeping everything else as typed', () => {
    expect(allowedIpsFromForm(form({ allowedIps: '10.0.0.0/24\r\n\n  \n 2001:db8::1 \nabc\n' }))).toEqual([
      '10.0.0.0/24',
      '2001:db8::1',
      'abc',
    ]);
    expect(allowedIpsFromForm(form({}))).toEqual([]);
  });

  it('reads an empty Rate limit as none, and anything typed as what the schema will judge', () => {
    expect(rateLimitFromForm(form({ rateLimit: ' ', rateLimitWindow: '60' }))).toBeNull();
    expect(rateLimitFromForm(form({ rateLimit: '1,000', rateLimitWindow: '3600' }))).toEqual({ limit: 1000, windowSeconds: 3600 });
    expect(rateLimitFromForm(form({ rateLimit: '-5', rateLimitWindow: '1' }))).toEqual({ limit: -5, windowSeconds: 1 });
    expect(rateLimitFromForm(form({ rateLimit: 'lots', rateLimitWindow: '1' }))).toEqual({ limit: 'lots', windowSeconds: 1 });
  });

  it('offers a key’s own window when the REST API set one outside the four choices', () => {
    expect(rateWindowChoices(60).map((window) => window.label)).toEqual(['second', 'minute', 'hour', 'day']);
    expect(rateWindowChoices(90).at(-1)).toEqual({ seconds: 90, label: '90 seconds' });
  });
});
