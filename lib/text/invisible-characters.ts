/**
 * Characters a reader cannot see, or that change how the text around them is shown: controls
 * (Cc), format characters (Cf: soft hyphen, zero-width joiners, direction overrides, tags,
 * interlinear annotations), line and paragraph separators, lone surrogates, and every
 * default-ignorable code point (fillers, variation selectors, the combining grapheme joiner).
 * Chosen by Unicode property, not by a list, so each Unicode version's new ones are covered.
 * In a name they let two names look alike, or one pass for another ("Trojan Source").
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;

/** The first such character, as `U+00AD`; null when there is none. */
export function firstInvisibleCharacter(text: string): string | null {
  const found = INVISIBLE.exec(text)?.[0];
  return found === undefined ? null : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** For zod's superRefine on a name: refuses invisible characters, naming the first one. */
export const refuseInvisibleCharacters =
  (what: string) => (text: string, ctx: { addIssue: (issue: { code: 'custom'; message: string }) => void }) => {
    const found = firstInvisibleCharacter(text);
    if (found)
      ctx.addIssue({ code: 'custom', message: `${what} cannot contain invisible, control or text-direction characters (${found} found).` });
  };
