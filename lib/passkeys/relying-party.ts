import 'server-only';
import { appUrl } from '@/lib/app-url';

/**
 * The relying party passkeys are bound to: APP_URL's host name and origin. A passkey works only
 * at that address, so a phishing copy of the page at another one cannot use it.
 */
export function relyingParty() {
  const url = new URL(appUrl());
  return { id: url.hostname, origin: url.origin, name: 'Keygate' };
}
