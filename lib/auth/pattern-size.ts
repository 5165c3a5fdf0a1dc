/**
 * An upper bound on the number of instructions RE2 compiles a pattern to, read from the pattern's
 * text alone, so a pattern can be refused before it is compiled. RE2 runs in linear time, but it
 * expands a counted repetition into copies of its operand: `\pL{0,999}` written 50 times is
 * 100,000 instructions, half a second and 80 MB to compile. The rules are those of RE2's own
 * size check (re2js `Parser.calcSize`, which is not exported and allows 1.4 million): each
 * literal, class, anchor or `.` is 1; `x*` is 2 + x; `x+` and `x?` are 1 + x; a group is 2 + its
 * contents; `x{n,m}` is m·x + (m − n), `x{n,}` is 1 + n·x; alternatives add up, plus one per `|`.
 * Anything this reader does not recognise counts as a literal: a bound, never an underestimate
 * of a pattern RE2 accepts (tests/unit/pattern-size.test.ts checks it against the compiled size).
 */
export function patternProgramSize(pattern: string): number {
  const reader = new PatternReader(pattern);
  let size = reader.alternation();
  // A stray `)` is a syntax error RE2 reports itself; keep counting past it.
  while (!reader.done()) {
    reader.skip();
    size += 1 + reader.alternation();
  }
  return size + PROGRAM_OVERHEAD;
}

/** The instructions every program has besides its pattern's: the whole-match capture, match and fail. */
const PROGRAM_OVERHEAD = 4;

/** A `(?i)` group: it sets flags and leaves no operand. */
const FLAGS_ONLY = -1;
const REPEAT = /^\{(\d{1,7})(,(\d{0,7}))?\}/;

class PatternReader {
  private at = 0;
  constructor(private readonly text: string) {}

  done = () => this.at >= this.text.length;
  skip = () => void this.at++;
  private peek = (offset = 0) => this.text[this.at + offset];

  alternation(): number {
    let size = this.concatenation();
    while (this.peek() === '|') {
      this.at++;
      size += 1 + this.concatenation();
    }
    return size;
  }

  private concatenation(): number {
    let size = 0;
    let last = 0;
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (atom === FLAGS_ONLY) {
        // `x(?i){5}` repeats x: flags leave no operand behind, so the repetition takes the one before.
        const again = this.repeated(last);
        size += again - last;
        last = again;
      } else {
        last = this.repeated(atom);
        size += last;
      }
    }
    // An empty operand still compiles to an instruction (RE2 counts every node as at least 1).
    return Math.max(1, size);
  }

  private atom(): number {
    const char = this.text[this.at++];
    if (char === '(') return this.group();
    if (char === '[') return this.characterClass();
    if (char === '\\') return this.escape();
    return 1;
  }

  private group(): number {
    if (this.peek() === '?') {
      // `(?i)`: flags for the rest of the group, no group of its own.
      const flagsOnly = /^\?[a-zA-Z-]*\)/.exec(this.text.slice(this.at));
      if (flagsOnly) {
        this.at += flagsOnly[0].length;
        return FLAGS_ONLY;
      }
      // `(?:`, `(?i:`, `(?P<name>`, `(?<name>`, `(?<=`, `(?<!`: only the operand counts.
      const opening = /^\?(P?<[^>]*>|<[=!]|[a-zA-Z-]*:)?/.exec(this.text.slice(this.at));
      this.at += opening![0].length;
    }
    const inside = this.alternation();
    if (this.peek() === ')') this.at++;
    return 2 + inside;
  }

  private characterClass(): number {
    if (this.peek() === '^') this.at++;
    // A `]` first in the class is a literal.
    if (this.peek() === ']') this.at++;
    while (!this.done() && this.peek() !== ']') {
      if (this.peek() === '\\') {
        this.at++;
        this.escape();
      } else if (this.peek() === '[' && this.peek(1) === ':') {
        const end = this.text.indexOf(':]', this.at + 2);
        this.at = end === -1 ? this.at + 1 : end + 2;
      } else {
        this.at++;
      }
    }
    this.at++;
    return 1;
  }

  /** Called after the backslash. */
  private escape(): number {
    const char = this.text[this.at++];
    if ((char === 'p' || char === 'P' || char === 'x') && this.peek() === '{') {
      const end = this.text.indexOf('}', this.at);
      this.at = end === -1 ? this.text.length : end + 1;
      return 1;
    }
    if (char === 'p' || char === 'P') this.at++;
    else if (char === 'x') this.at += 2;
    else if (char === 'Q') {
      // Literal text up to `\E`: one instruction per character.
      const end = this.text.indexOf('\\E', this.at);
      const literal = this.text.slice(this.at, end === -1 ? undefined : end);
      this.at = end === -1 ? this.text.length : end + 2;
      return Math.max(1, literal.length);
    }
    return 1;
  }

  private repeated(operand: number): number {
    let size = operand;
    for (;;) {
      const char = this.peek();
      if (char === '*') size = 2 + size;
      else if (char === '+' || char === '?') size = 1 + size;
      else if (char === '{') {
        const repeat = REPEAT.exec(this.text.slice(this.at));
        // Not a repetition (`a{`, `a{x}`): a literal brace, read as the next atom.
        if (!repeat) return size;
        const min = Number(repeat[1]);
        const max = repeat[2] === undefined ? min : repeat[3] === '' ? -1 : Number(repeat[3]);
        size = max === -1 ? (min === 0 ? 2 + size : 1 + min * size) : max * size + Math.max(0, max - min);
        this.at += repeat[0].length - 1;
      } else return size;
      this.at++;
      // The lazy forms (`*?`, `{2,5}?`) cost what the greedy ones do.
      if (this.peek() === '?') this.at++;
    }
  }
}
