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

/** Allowed IPs are typed one per line; blank lines are ignored, everything else goes to the schema as typed. */
export const allowedIpsFromForm = (form: FormData) =>
  String(form.get('allowedIps') ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The Rate limit field's window choices, in seconds. */
export const RATE_WINDOWS = [
  { seconds: 1, label: 'second' },
  { seconds: 60, label: 'minute' },
  { seconds: 3600, label: 'hour' },
  { seconds: 86_400, label: 'day' },
] as const;

/**
 * The choices for a key's window: the four above, plus the key's own when the REST API set
 * another (90 s), so an edit never changes it unasked.
 */
export const rateWindowChoices = (current?: number) =>
  current === undefined || RATE_WINDOWS.some((window) => window.seconds === current)
    ? RATE_WINDOWS
    : [...RATE_WINDOWS, { seconds: current, label: `${current.toLocaleString('en')} seconds` }];

/**
 * The Rate limit field: requests (typed as text, so a wrong entry reaches the schema and is named
 * rather than emptied by the browser) per a chosen window; an empty number means no limit.
 */
export function rateLimitFromForm(form: FormData): { limit: unknown; windowSeconds: unknown } | null {
  const typed = String(form.get('rateLimit') ?? '').trim();
  if (typed === '') return null;
  const limit = /^-?\d+(\.\d+)?$/.test(typed.replaceAll(',', '')) ? Number(typed.replaceAll(',', '')) : typed;
  return { limit, windowSeconds: Number(form.get('rateLimitWindow') ?? '') };
}
/** "Keep the old token working for": seconds as the select sends them; anything else is left for the schema to refuse. */
export const gracePeriodFromForm = (form: FormData): number => Number(String(form.get('gracePeriodSeconds') ?? '0') || '0');
