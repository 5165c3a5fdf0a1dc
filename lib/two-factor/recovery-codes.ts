import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

// Lower-case letters and digits without the look-alikes 0/o, 1/l/i: 31 symbols.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
// 23 symbols of 31 = 113.9 bits: at least the 112 bits ASVS 5.0 (6.5.2) asks of a lookup secret
// stored with a plain hash (docs/decisions.md).
const LENGTH = 23;

/** A code to show once, in groups for reading aloud and typing: `xxxxx-xxxxx-xxxxx-xxxxx-xxx`. */
export function newRecoveryCode(): string {
  const symbols = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return symbols.match(/.{1,5}/g)!.join('-');
}

/** What was typed, without the dashes, spaces and case a person may add or change. */
export const normalizeRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, '');

export const looksLikeRecoveryCode = (normalized: string) =>
  normalized.length === LENGTH && [...normalized].every((c) => ALPHABET.includes(c));

/** SHA-256 of the normalized code: the codes are random and long, so a slow hash would add nothing. */
export const hashRecoveryCode = (normalized: string) => createHash('sha256').update(normalized).digest('hex');
