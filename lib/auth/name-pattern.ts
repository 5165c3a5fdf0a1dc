import { LRUCache } from 'lru-cache';
import { RE2JS } from 're2js';
import { patternProgramSize } from './pattern-size';

export type PatternCheck = { ok: true } | { ok: false; message: string };
type Compiled = { ok: true; re: RE2JS; size: number } | { ok: false; message: string };

/**
 * The most instructions one pattern may compile to. RE2 matches in linear time, but compiling
 * costs time and memory in proportion to the program: at this size a pattern compiles in a few
 * milliseconds and ~2 MB, where `\pL{0,999}` repeated 50 times took half a second and 80 MB.
 * Real team patterns are far below it (`team-a-[a-z0-9-]{1,56}` is 120).
 */
export const PATTERN_SIZE_LIMIT = 1000;

/**
 * Compiled patterns, bounded by the sum of their sizes, so no mix of patterns can fill the heap
 * (~30 MB at most); one per process, shared by the fast path in server/ and Next's bundle (which
 * load this module separately and would otherwise each keep their own).
 */
const globalForPatterns = globalThis as typeof globalThis & { __keygatePatterns?: LRUCache<string, Compiled> };
const cache = (globalForPatterns.__keygatePatterns ??= new LRUCache<string, Compiled>({
  maxSize: 20 * PATTERN_SIZE_LIMIT,
  sizeCalculation: (compiled) => (compiled.ok ? compiled.size : 1),
}));

function compile(pattern: string): Compiled {
  const size = patternProgramSize(pattern);
  if (size > PATTERN_SIZE_LIMIT) {
    return {
      ok: false,
      message: `This pattern is too large: it expands to about ${size.toLocaleString('en')} steps, and at most ${PATTERN_SIZE_LIMIT.toLocaleString('en')} are allowed. Use smaller repetition counts, such as {1,64} instead of {0,999}.`,
    };
  }
  try {
    return { ok: true, re: RE2JS.compile(pattern), size };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Invalid regular expression: ${reason}` };
  }
}

/**
 * Every pattern is sized before it is compiled (lib/auth/pattern-size.ts) and refused over the
 * limit, then compiled once and kept. Access Name patterns run on RE2 (linear time): a pattern
 * written by one admin can never stall the server for everyone else.
 */
function compiled(pattern: string): Compiled {
  let found = cache.get(pattern);
  if (!found) {
    found = compile(pattern);
    cache.set(pattern, found);
  }
  return found;
}

export function checkPattern(pattern: string): PatternCheck {
  const found = compiled(pattern);
  return found.ok ? { ok: true } : { ok: false, message: found.message };
}

/**
 * Checks several patterns, letting other requests run between two compilations, so a role's
 * patterns never hold the event loop for more than one pattern's few milliseconds.
 */
export async function checkPatterns(patterns: readonly string[]): Promise<PatternCheck[]> {
  const checks: PatternCheck[] = [];
  for (const pattern of patterns) {
    if (!cache.has(pattern)) await new Promise((resolve) => setImmediate(resolve));
    checks.push(checkPattern(pattern));
  }
  return checks;
}

/**
 * True when `name` fully matches `pattern` (anchored at both ends). A pattern saved before the
 * size limit existed and over it matches nothing: it fails closed, and the role must be edited.
 */
export function fullyMatches(pattern: string, name: string): boolean {
  const found = compiled(pattern);
  return found.ok && found.re.matches(name);
}
