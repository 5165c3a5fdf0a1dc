import { describe, expect, it } from 'vitest';
import { allowedIpsSchema, clientIpSchema, compileAllowedIps, parseAllowedIp } from '@/lib/api-access/allowed-ips';

const issuesOf = (input: unknown) => {
  const parsed = allowedIpsSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('allowed IP entries', () => {
  it('keeps addresses and CIDR blocks in canonical text', () => {
    expect(
      allowedIpsSchema.parse(['10.0.0.7', '10.0.0.0/24', '2001:DB8:0:0::/32', '::ffff:10.1.0.0/112', '2001:db8::1/128', '0.0.0.0/0']),
    ).toEqual(['10.0.0.7', '10.0.0.0/24', '2001:db8::/32', '10.1.0.0/16', '2001:db8::1', '0.0.0.0/0']);
  });

  it('drops duplicates once canonical', () => {
    expect(allowedIpsSchema.parse(['10.0.0.7', '10.0.0.7/32', ' 10.0.0.7 ', '::ffff:10.0.0.7'])).toEqual(['10.0.0.7']);
  });

  it('refuses an entry with host bits set, naming the network meant', () => {
    expect(issuesOf(['10.0.0.5/24'])).toEqual(['10.0.0.5/24 has host bits set: did you mean 10.0.0.0/24?']);
    expect(issuesOf(['2001:db8::5/32'])).toEqual(['2001:db8::5/32 has host bits set: did you mean 2001:db8::/32?']);
  });

  it.each([
    '10.0.0.0/33',
    '::ffff:1.2.3.4/129',
    'abc',
    '1.2.3',
    '0x0a.0.0.1',
    '010.0.0.1',
    '10.0.0.1/',
    '10.0.0.0/24/8',
    'fe80::1%eth0',
    '',
    '10.0.0.0/-1',
    '::ffff:1.2.3.4/64',
  ])('refuses %j with a message naming it', (entry) => {
    const parsed = parseAllowedIp(entry);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(entry.slice(0, 10));
  });

  it('refuses more than 100 entries with one message, and a 10,000-entry list at once', () => {
    expect(allowedIpsSchema.safeParse(Array.from({ length: 100 }, (_, i) => `10.0.${i}.0/24`)).success).toBe(true);
    expect(issuesOf(Array.from({ length: 101 }, (_, i) => `10.0.${i}.0/24`))).toEqual([
      'At most 100 allowed IPs (addresses or CIDR blocks).',
    ]);
    const started = performance.now();
    expect(issuesOf(Array.from({ length: 10_000 }, () => 'garbage'))).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('the compiled matcher', () => {
  const allows = compileAllowedIps(['10.0.0.0/24', '203.0.113.9', '2001:db8::/32'])!;

  it('matches inside and refuses outside, missing or unreadable addresses', () => {
    expect(allows('10.0.0.7')).toBe(true);
    expect(allows('203.0.113.9')).toBe(true);
    expect(allows('2001:db8:1::5')).toBe(true);
    expect(allows('10.0.1.7')).toBe(false);
    expect(allows('203.0.113.10')).toBe(false);
    expect(allows('2001:db9::1')).toBe(false);
    expect(allows(undefined)).toBe(false);
    expect(allows('nonsense')).toBe(false);
  });

  it('treats IPv4-mapped IPv6 as IPv4', () => {
    expect(allows('::ffff:10.0.0.7')).toBe(true);
    expect(allows('::ffff:a00:7')).toBe(true);
    expect(allows('::ffff:10.0.1.7')).toBe(false);
  });

  it('is null for a key without allowed IPs', () => {
    expect(compileAllowedIps([])).toBeNull();
  });
});

describe('the ip of a verification', () => {
  it('is an address, not a block or garbage', () => {
    expect(clientIpSchema.safeParse('::ffff:10.0.0.7').success).toBe(true);
    expect(clientIpSchema.safeParse('10.0.0.0/24').success).toBe(false);
    expect(clientIpSchema.safeParse('1.2.3').success).toBe(false);
    expect(clientIpSchema.safeParse(42).success).toBe(false);
  });
});
