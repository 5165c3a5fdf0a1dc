import { DAY_MS } from '@/lib/time';

export const EXPIRY_PRESETS = [7, 30, 60, 90] as const;

/** Tags are typed comma-separated; spaces inside a tag are kept so they can be refused by name. */
export const tagsFromForm = (form: FormData) =>
  String(form.get('tags') ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * A preset counts from the moment the server receives the form; a custom date
 * arrives as an ISO instant converted in the browser (its own time zone).
 * Returns what the schema validates: a Date, or the text sent ('' when nothing was chosen).
 */
export function expiresAtFromForm(form: FormData, now = Date.now()): Date | string {
  const choice = String(form.get('expiresIn') ?? '');
  const days = Number(choice);
  if ((EXPIRY_PRESETS as readonly number[]).includes(days)) return new Date(now + days * DAY_MS);
  const custom = String(form.get('expiresAt') ?? '').trim();
  return custom;
}

/** "Keep the old token working for": seconds as the select sends them; anything else is left for the schema to refuse. */
export const gracePeriodFromForm = (form: FormData): number => Number(String(form.get('gracePeriodSeconds') ?? '0') || '0');
