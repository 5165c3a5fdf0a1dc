import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { checkAccessName } from '@/lib/auth/authorize';
import { checkPattern, PATTERN_SIZE_LIMIT } from '@/lib/auth/name-pattern';
import { patternProgramSize } from '@/lib/auth/pattern-size';
import { actorWith } from '../support/fixtures';

/** The probe's pattern: 50 copies of a 999-fold repetition of a Unicode class (100,000 instructions compiled). */
const PROBE_PATTERN = '\\pL{0,999}'.repeat(50);

// The compiled program's size, read from re2js's internals: the truth the estimate must never undercut.
const compiledSize = (pattern: string) =>
  (RE2JS.compile(pattern) as unknown as { re2Input: { prog: { numInst(): number } } }).re2Input.prog.numInst();

/** A small deterministic generator of RE2 patterns: groups, classes, escapes, flags and every kind of repetition. */
function* patterns(count: number, seed = 7): Generator<string> {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const atoms = [
    'a',
    '.',
    '\\d',
    '\\pL',
    '\\p{Greek}',
    '[a-z]',
    '[^0-9]',
    '[]a]',
    '[[:alpha:]x]',
    '\\x{41}',
    '\\Qa.b\\E',
    '(?i)',
    '^',
    '$',
    'é',
    '\\b',
  ];
  const repeats = ['', '', '*', '+', '?', '{2}', '{0,5}', '{3,}', '{1,9}?', '*?', '{0,40}', '{12,20}'];
  const sequence = (depth: number): string => {
    let text = '';
    for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) {
      const atom =
        depth < 3 && random() < 0.25
          ? `${pick(['(', '(?:', `(?P<g${depth}${i}>`, '(?i:'])}${sequence(depth + 1)}${random() < 0.3 ? `|${sequence(depth + 1)}` : ''})`
          : pick(atoms);
      text += atom + pick(repeats);
    }
    return text;
  };
  for (let i = 0; i < count; i++) yield sequence(0);
}

describe('pattern size, before compiling', () => {
  it('never estimates less than RE2 compiles, over 3,000 generated patterns', () => {
    let compiled = 0;
    for (const pattern of patterns(3000)) {
      let actual: number;
      try {
        actual = compiledSize(pattern);
      } catch {
        continue; // RE2 refuses it anyway (a nested repetition, say)
      }
      compiled++;
      expect(patternProgramSize(pattern), pattern).toBeGreaterThanOrEqual(actual);
    }
    expect(compiled).toBeGreaterThan(2000);
  });

  it('sizes the patterns teams write far below the limit', () => {
    for (const pattern of [
      'team-a-.*',
      '(?i)team-a-[a-z0-9-]{1,56}',
      'ci-[a-z0-9-]+',
      '(?:prod|staging|dev)-[a-z0-9]+(?:-[a-z0-9]+){0,5}',
    ]) {
      expect(checkPattern(pattern), pattern).toEqual({ ok: true });
      expect(patternProgramSize(pattern)).toBeLessThan(PATTERN_SIZE_LIMIT / 5);
    }
  });

  it('refuses the probe’s pattern by its size, naming the limit, without compiling it', () => {
    expect(patternProgramSize(PROBE_PATTERN)).toBeGreaterThan(99_000);
    expect(checkPattern(PROBE_PATTERN)).toEqual({ ok: false, message: expect.stringMatching(/too large.*at most 1,000/) });
    // One copy is already over the limit; a small repetition of the same class is not.
    expect(checkPattern('\\pL{0,999}')).toMatchObject({ ok: false });
    expect(checkPattern('\\pL{1,64}')).toEqual({ ok: true });
  });

  it('reads literal braces, flag groups and quoted text the way RE2 does', () => {
    // `(?i){5}` repeats the operand before the flags: 5 copies of `(ab)`, not of nothing.
    expect(patternProgramSize('(ab)(?i){500}')).toBeGreaterThanOrEqual(compiledSize('(ab)(?i){500}'));
    expect(patternProgramSize('a{x}b{')).toBe(patternProgramSize('axxxb{'));
    expect(patternProgramSize('\\Q{0,999}\\E')).toBeLessThan(20);
  });

  it('fails closed on a pattern saved before the limit existed: it matches no name', () => {
    const actor = actorWith({ permission: 'createApiAccess', accessNamePattern: `${'\\pL{0,999}'.repeat(2)}` });
    expect(checkAccessName(actor, 'abc')).toMatchObject({ code: 'FORBIDDEN' });
  });
});
