import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { settings } from '@/lib/settings';

/**
 * Webhook signing secrets at rest. They must be usable to sign, so they cannot be hashed like
 * tokens: each is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from AUTH_SECRET, with
 * the endpoint's id as associated data, so a sealed secret copied onto another endpoint does not
 * open. A database dump alone reveals no secret (docs/security.md).
 */
const VERSION = 'v1';
const INFO = 'keygate webhook signing secrets v1';

function key(): Buffer {
  const secret = settings().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: webhook secrets cannot be sealed or opened.');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
}

export function sealSecret(endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv).setAAD(Buffer.from(endpointId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

export function openSecret(endpointId: string, box: string): string {
  const [version, body] = box.split('.');
  if (version !== VERSION || !body) throw new Error('Unknown webhook secret format.');
  const bytes = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key(), bytes.subarray(0, 12)).setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** Standard Webhooks' secret format: `whsec_` + base64 of 32 random bytes (SPEC §9: at least 24). */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
