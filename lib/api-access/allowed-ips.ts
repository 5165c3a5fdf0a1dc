import ipaddr from 'ipaddr.js';
import { z } from 'zod';

// Only zod and ipaddr.js: the verification hot path (lib/tokens) compiles its matcher from here.

export const MAX_ALLOWED_IPS = 100;
type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/**
 * One address, strictly: IPv4 only as four decimal parts (ipaddr.js alone would also read
 * `1.2.3`, `0x0a.0.0.1` or `010.0.0.1`, octal, as addresses nobody meant), IPv6 without a zone.
 * An IPv4-mapped IPv6 address is its IPv4 address. Null when the text is no address.
 */
export function parseAddress(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text) || text.includes('%')) return null;
  const v6 = ipaddr.IPv6.parse(text);
  // ::ffff:1.2.3 passes ipaddr's IPv6 check only when its IPv4 tail is well formed; the tail is checked again here.
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (text.includes('.') && !(v4Tail && ipaddr.IPv4.isValidFourPartDecimal(v4Tail))) return null;
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

const addressText = (address: Address) => (address.kind() === 'ipv4' ? address.toString() : (address as ipaddr.IPv6).toRFC5952String());

/** The network of `address/prefix`: the address with its host bits cleared. */
const networkOf = (address: Address, prefix: number): Address =>
  address.kind() === 'ipv4'
    ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
    : ipaddr.IPv6.networkAddressFromCIDR(`${addressText(address)}/${prefix}`);

type ParsedEntry = { ok: true; range: Range; text: string } | { ok: false; message: string };

/**
 * One entry of `allowedIps`: an address (that address alone) or a CIDR block whose host bits are
 * clear, in canonical text: `10.0.0.7`, `10.0.0.0/24`, `2001:db8::/32` (an address is written
 * without /32 or /128; an IPv4-mapped IPv6 entry becomes IPv4).
 */
export function parseAllowedIp(entry: string): ParsedEntry {
  const shown = entry.length > 60 ? `${entry.slice(0, 60)}…` : entry;
  const notAnEntry = { ok: false, message: `“${shown}” is not an IP address or CIDR block (such as 203.0.113.7 or 10.0.0.0/24).` } as const;
  const [addressPart = '', prefixPart, ...rest] = entry.split('/');
  const address = parseAddress(addressPart);
  if (!address || rest.length) return notAnEntry;
  let bits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefixPart !== undefined) {
    const mapped = address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(addressPart);
    const written = /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
    const max = mapped ? 128 : bits;
    if (!(written >= (mapped ? 96 : 0) && written <= max)) {
      return { ok: false, message: `“${shown}”: the prefix length must be ${mapped ? '96–128 for an IPv4-mapped address' : `0–${max}`}.` };
    }
    const prefix = mapped ? written - 96 : written;
    const network = networkOf(address, prefix);
    if (addressText(network) !== addressText(address)) {
      return { ok: false, message: `${shown} has host bits set: did you mean ${addressText(network)}/${prefix}?` };
    }
    bits = prefix;
  }
  const full = bits === (address.kind() === 'ipv4' ? 32 : 128);
  return { ok: true, range: [address, bits], text: full ? addressText(address) : `${addressText(address)}/${bits}` };
}

/**
 * `allowedIps` as the operations take it: at most 100 entries (a longer list is refused before
 * any entry is parsed), each parsed strictly, in canonical text; duplicates (after
 * canonicalisation: `10.0.0.7` and `10.0.0.7/32`) are dropped, as with tags.
 */
export const allowedIpsSchema = z
  .array(z.string({ error: 'Each allowed IP is a string.' }).max(100, 'An allowed IP entry is at most 100 characters.'), {
    error: 'allowedIps is a list of IP addresses or CIDR blocks.',
  })
  .max(MAX_ALLOWED_IPS, `At most ${MAX_ALLOWED_IPS} allowed IPs (addresses or CIDR blocks).`)
  .transform((entries, ctx) => {
    const canonical: string[] = [];
    for (const entry of entries) {
      const parsed = parseAllowedIp(entry.trim());
      if (parsed.ok) canonical.push(parsed.text);
      else ctx.addIssue({ code: 'custom', message: parsed.message, input: entry });
    }
    return [...new Set(canonical)];
  });

/** An `ip` a verification names: an IPv4 or IPv6 address (no CIDR), else the request is a 400. */
export const clientIpSchema = z
  .string({ error: 'ip is an IPv4 or IPv6 address.' })
  .refine((text) => text.length <= 64 && parseAddress(text) !== null, 'ip is an IPv4 or IPv6 address.');

/** Whether a client address may use the key; an absent or unreadable address may not (fail closed). */
export type IpMatcher = (ip: string | undefined) => boolean;

/**
 * The entries parsed into ranges by family; the token cache shares one per list and remembers
 * its decisions (lib/tokens/ip-checks.ts). Null for a key without allowed IPs.
 */
export function compileAllowedIps(entries: readonly string[]): IpMatcher | null {
  if (entries.length === 0) return null;
  const v4: [ipaddr.IPv4, number][] = [];
  const v6: [ipaddr.IPv6, number][] = [];
  for (const entry of entries) {
    const parsed = parseAllowedIp(entry);
    // Stored entries were validated on write; one that no longer parses grants nothing.
    if (!parsed.ok) continue;
    if (parsed.range[0].kind() === 'ipv4') v4.push(parsed.range as [ipaddr.IPv4, number]);
    else v6.push(parsed.range as [ipaddr.IPv6, number]);
  }
  return (ip) => {
    const address = ip === undefined ? null : parseAddress(ip);
    if (!address) return false;
    if (address.kind() === 'ipv4') return v4.some((range) => (address as ipaddr.IPv4).match(range));
    return v6.some((range) => (address as ipaddr.IPv6).match(range));
  };
}
