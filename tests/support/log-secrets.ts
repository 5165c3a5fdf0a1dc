import { tokenDigest } from '@/lib/tokens/token';

// Every secret this test process handed to a server: the servers' logs must never contain one.
const remembered = new Set<string>();

/** A token (and its digest), a password, a session cookie…: remembered so the log check looks for it. */
export function rememberSecret(...values: string[]): void {
  for (const value of values) if (value.length >= 8) remembered.add(value);
}

/** A token and its digest, as the database stores it. */
export const rememberToken = (token: string) => rememberSecret(token, tokenDigest(token));

// Any token's shape (SPEC §1), remembered or not: one made through the REST API counts too.
const TOKEN_SHAPE = /kg_[0-9A-Za-z]{49}/g;

/** The secrets that appear in a server's output (remembered ones, and anything shaped like a token). */
export function secretsIn(output: string): string[] {
  return [...new Set([...[...remembered].filter((secret) => output.includes(secret)), ...(output.match(TOKEN_SHAPE) ?? [])])];
}
