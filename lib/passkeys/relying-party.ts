import 'server-only';
import { COSEALG } from '@simplewebauthn/server/helpers';
import { appUrl } from '@/lib/app-url';

/**
 * The relying party passkeys are bound to: APP_URL's host name and origin. A passkey works only
 * at that address, so a phishing copy of the page at another one cannot use it.
 */
export function relyingParty() {
  const url = new URL(appUrl());
  return { id: url.hostname, origin: url.origin, name: 'Keygate' };
}

/**
 * The key types accepted, the ones every authenticator offers. Named rather than the library's
 * default, which adds ML-DSA-44 where Node's Web Crypto has it (experimental: a warning in the log).
 */
export const SUPPORTED_ALGORITHMS = [COSEALG.EdDSA, COSEALG.ES256, COSEALG.RS256];
