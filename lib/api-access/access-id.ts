import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export const ACCESS_ID_PATTERN = /^ak_[a-z2-7]{20}$/;

/** `ak_` + 20 base32 characters (100 random bits): public, stable, safe in URLs. */
export function generateAccessId(): string {
  return `ak_${Array.from(randomBytes(20), (byte) => BASE32[byte & 31]).join('')}`;
}

export const isAccessId = (value: string) => ACCESS_ID_PATTERN.test(value);
