import ipaddr from 'ipaddr.js';

/**
 * SSRF rules for webhook URLs (SPEC §9): `https` only, and only public unicast addresses, unless
 * KEYGATE_WEBHOOK_ALLOW_PRIVATE=1 (tests, internal networks). IPv4-mapped IPv6 addresses are judged
 * as the IPv4 address they carry; anything ipaddr.js does not call 'unicast' (loopback, private,
 * link-local, unique-local, unspecified, carrier-grade NAT, reserved, multicast, 6to4, NAT64…) is refused.
 */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address.`;
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : `${address} is not a public address (${range}).`;
}

/** The URL's host as an IP address when it is one (IPv6 without its brackets), else null. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare)) ? bare : null;
}

/** What is wrong with a webhook URL before any name is resolved, or null. Names are checked again, resolved, at each delivery. */
export function urlRefusal(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, such as https://hooks.example.com/keygate.';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'The URL must start with https://.';
  if (url.username || url.password) return 'The URL must not carry a user name or password.';
  if (allowPrivate) return null;
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'The URL must point to a public address, not localhost.';
  const literal = ipLiteral(host);
  if (literal) return addressRefusal(literal) && `The URL must point to a public address: ${addressRefusal(literal)}`;
  return null;
}
