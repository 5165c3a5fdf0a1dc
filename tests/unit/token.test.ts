import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE62, TOKEN_LENGTH, checksum, generateToken, isWellFormedToken, tokenDigest, tokenStart } from '@/lib/tokens/token';

describe('token checksum', () => {
  it('matches known vectors (CRC32 IEEE in base62, padded to 6)', () => {
    // Vectors computed independently with Python's zlib.crc32; 0xcbf43926 is CRC-32's published check value.
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(checksum('')).toBe('000000');
    expect(checksum('a')).toBe('4GEHKN');
    expect(checksum('123456789')).toBe('3jZRME');
  });

  it('builds a token of the SPEC shape', () => {
    const random = 'A'.repeat(43);
    const token = `kg_${random}${checksum(random)}`;
    expect(token).toHaveLength(52);
    expect(isWellFormedToken(token)).toBe(true);
  });
});

describe('generated tokens', () => {
  it('are 52 chars of kg_ + base62, parse, and differ every time', () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    for (const token of tokens) {
      expect(token).toMatch(/^kg_[0-9A-Za-z]{49}$/);
      expect(token).toHaveLength(TOKEN_LENGTH);
      expect(isWellFormedToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('fail the checksum after any single-character change', () => {
    for (let round = 0; round < 25; round++) {
      const token = generateToken();
      for (let position = 3; position < token.length; position++) {
        const original = token[position]!;
        const replacement = BASE62[(BASE62.indexOf(original) + 1 + Math.floor(Math.random() * 61)) % 62]!;
        const mutated = token.slice(0, position) + replacement + token.slice(position + 1);
        expect(isWellFormedToken(mutated), `${token} changed at ${position}`).toBe(false);
      }
    }
  });

  it('use every character of the alphabet', () => {
    const seen = new Set(Array.from({ length: 100 }, generateToken).join('').slice(3));
    for (const char of BASE62) expect(seen.has(char)).toBe(true);
  });
});

describe('malformed tokens', () => {
  const good = generateToken();
  it.each([
    ['a wrong prefix', `kx_${good.slice(3)}`],
    ['too short', good.slice(0, -1)],
    ['too long', `${good}0`],
    ['a character outside base62', `${good.slice(0, 10)}-${good.slice(11)}`],
    ['empty', ''],
    ['whitespace around it', ` ${good.slice(1)}`],
  ])('rejects %s', (_label, token) => {
    expect(isWellFormedToken(token)).toBe(false);
  });
});

describe('stored forms', () => {
  it('keeps a SHA-256 digest and the first 8 characters only', () => {
    const token = generateToken();
    expect(tokenDigest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenStart(token)).toBe(token.slice(0, 8));
  });
});
