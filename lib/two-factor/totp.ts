import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it (SPEC §10): SHA-1, 6 digits, 30 s. */
const PARAMETERS = { issuer: 'Keygate', algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** One step either side: a phone clock up to 30 s off still works (RFC 6238 §5.2). */
const DRIFT_STEPS = 1;

/** A new secret of 160 bits (RFC 4226 §4 recommends the HMAC-SHA-1 output size), in base32. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (base32Secret: string, label = '') => new TOTP({ ...PARAMETERS, label, secret: Secret.fromBase32(base32Secret) });

/** The otpauth:// URI the QR code carries. */
export const totpUri = (base32Secret: string, email: string) => totpFor(base32Secret, email).toString();

/** The time step the code belongs to (within the allowed drift), or null when it is not valid now. */
export function totpStep(base32Secret: string, code: string, now = Date.now()): number | null {
  const totp = totpFor(base32Secret);
  const delta = totp.validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** The key written out for typing: groups of four, as authenticator apps accept it with or without spaces. */
export const groupedSecret = (base32Secret: string) => base32Secret.match(/.{1,4}/g)!.join(' ');
