import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { settings } from '@/lib/settings';

/**
 * Authenticator secrets at rest: AES-256-GCM under a key derived from AUTH_SECRET with HKDF
 * (SHA-256, its own `info`, so the key is never the one that signs sessions). The user's id is the
 * additional data: a secret copied onto another user's row does not decrypt. Stored as
 * `v1.<iv>.<ciphertext>.<tag>` (base64url); the version names the key derivation, for a rotation.
 */
const VERSION = 'v1';
const INFO = 'keygate totp secret v1';

function key(): Buffer {
  const secret = settings().AUTH_SECRET;
  // server/environment.ts generates one at start; without it no secret could be read back.
  if (!secret) throw new Error('AUTH_SECRET is not set: two-factor secrets cannot be encrypted.');
  return Buffer.from(hkdfSync('sha256', secret, 'keygate', INFO, 32));
}

export function sealSecret(plain: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv).setAAD(Buffer.from(userId));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The secret, or an error when it was not sealed for this user under this AUTH_SECRET. */
export function openSecret(sealed: string, userId: string): string {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Unknown format of a sealed two-factor secret.');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
    .setAAD(Buffer.from(userId))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
