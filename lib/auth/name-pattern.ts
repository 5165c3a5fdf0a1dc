import { RE2JS } from 're2js';

export type PatternCheck = { ok: true } | { ok: false; message: string };

/**
 * Access Name patterns run on RE2 (linear time): a pattern written by one admin
 * can never stall the server for everyone else (no catastrophic backtracking).
 */
export function checkPattern(pattern: string): PatternCheck {
  try {
    RE2JS.compile(pattern);
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Invalid regular expression: ${reason}` };
  }
}

const compiled = new Map<string, RE2JS>();

/** True when `name` fully matches `pattern` (anchored at both ends). */
export function fullyMatches(pattern: string, name: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.matches(name);
}
