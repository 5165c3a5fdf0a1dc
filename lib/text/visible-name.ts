import { z } from 'zod';
import { refuseInvisibleCharacters } from './invisible-characters';

/**
 * A required name a person reads (an Access Name, a user's name, a role name): trimmed, at least
 * one character, at most `max`, and free of invisible characters. `plural` names it in the
 * messages ("Role names are at most 64 characters."); `empty` is the message for a missing or
 * blank one. `allowed`, when given, is checked after the length and before invisible characters.
 */
export function visibleNameSchema({
  plural,
  max,
  empty,
  allowed,
}: {
  plural: string;
  max: number;
  empty: string;
  allowed?: { pattern: RegExp; message: string };
}) {
  const bounded = z.string({ message: empty }).trim().min(1, empty).max(max, `${plural} are at most ${max} characters.`);
  const checked = allowed ? bounded.regex(allowed.pattern, allowed.message) : bounded;
  return checked.superRefine(refuseInvisibleCharacters(plural));
}
