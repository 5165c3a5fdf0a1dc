import { hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** Token format of SPEC §1: `kg_` + 43 random base62 chars + 6 base62 CRC32 checksum chars. */
export const TOKEN_PREFIX = 'kg_';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 43; // 43 × log2(62) ≈ 256.03 bits
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
export const TOKEN_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
const TOKEN_START_LENGTH = 8;

/** CRC32 of the random part, in base62, most significant digit first, left-padded with 0. */
export function checksum(random: string): string {
  // The random part is ASCII, so its UTF-8 bytes (what crc32 hashes for a string) are its ASCII bytes.
  let value = crc32(random);
  let digits = '';
  do {
    digits = BASE62[value % 62] + digits;
    value = Math.floor(value / 62);
  } while (value > 0);
  return digits.padStart(CHECKSUM_LENGTH, '0');
}

/** Uniform base62 characters from a CSPRNG: bytes ≥ 248 are dropped so no character is favoured. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function generateToken(): string {
  const random = randomBase62(RANDOM_LENGTH);
  return `${TOKEN_PREFIX}${random}${checksum(random)}`;
}

const BASE62_ONLY = /^[0-9A-Za-z]+$/;

/**
 * Checks a token's shape and checksum without touching the database: a typo or a
 * made-up token is rejected here.
 */
export function isWellFormedToken(token: string): boolean {
  if (token.length !== TOKEN_LENGTH || !token.startsWith(TOKEN_PREFIX)) return false;
  const body = token.slice(TOKEN_PREFIX.length);
  if (!BASE62_ONLY.test(body)) return false;
  const random = body.slice(0, RANDOM_LENGTH);
  return checksum(random) === body.slice(RANDOM_LENGTH);
}

/** Only this digest (SHA-256, hex) is stored; the token itself never is. */
export const tokenDigest = (token: string): string => hash('sha256', token, 'hex');

/** The first characters, kept to help people recognise a key. */
export const tokenStart = (token: string) => token.slice(0, TOKEN_START_LENGTH);
