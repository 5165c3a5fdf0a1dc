import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether `Authorization` carries `Bearer <expected>`. Compared as SHA-256 digests with
 * timingSafeEqual: equal lengths whatever was sent, so neither the token's bytes nor its length
 * leak through the time the comparison takes.
 */
export function isMetricsToken(authorization: string | undefined, expected: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(sent), digest(expected));
}
