import { z } from 'zod';
import { DAY_MS } from '@/lib/time';
import { visibleNameSchema } from '@/lib/text/visible-name';
import { allowedIpsSchema } from './allowed-ips';
import { gracePeriodSecondsSchema } from './rotation';

export const MAX_EXPIRY_DAYS = 366;

// Any string: an id of the wrong form is simply one that does not exist (404, not 400).
export const accessIdSchema = z.string();

export const accessNameSchema = visibleNameSchema({ plural: 'Access Names', max: 64, empty: 'Enter an Access Name.' });

export const accessDescriptionSchema = z.string().trim().max(1000, 'Descriptions are at most 1,000 characters.');

export const tagSchema = z
  .string()
  .min(1, 'Tags cannot be empty.')
  .max(40, { error: (issue) => `“${String(issue.input).slice(0, 40)}…” is too long: tags are at most 40 characters.` })
  .regex(/^[A-Za-z0-9\-_.:/]+$/, {
    error: (issue) => `“${String(issue.input)}”: tags may use letters, digits and - _ . : / only (no spaces).`,
  });

export const tagsSchema = z
  .array(tagSchema)
  .max(20, 'At most 20 tags.')
  .transform((tags) => [...new Set(tags)]);

export const apiAccessRoleIdsSchema = z
  .array(z.uuid({ message: 'Unknown role.' }))
  .max(5, 'At most 5 roles.')
  .refine((ids) => new Set(ids).size === ids.length, 'Each role can be chosen once.');

/** Checked against the clock when the input is parsed: in the future, at most 366 days ahead. */
export const expiryDateRule = z
  .date()
  .refine((date) => date.getTime() > Date.now(), 'The expiration date must be in the future.')
  .refine(
    (date) => date.getTime() <= Date.now() + MAX_EXPIRY_DAYS * DAY_MS,
    `The expiration date can be at most ${MAX_EXPIRY_DAYS} days ahead.`,
  );

/**
 * A Date (forms) or an ISO 8601 instant with its offset (JSON): nothing else, so "2026-12-31"
 * or "next week" is refused rather than read in some time zone.
 */
export const expiresAtSchema = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))], {
    error: (issue) =>
      issue.input === undefined || issue.input === ''
        ? 'Choose an expiration date.'
        : 'Give the expiration as an ISO 8601 instant with its offset, such as 2027-01-31T12:00:00Z.',
  })
  .pipe(expiryDateRule);

export const MAX_RATE_LIMIT = 1_000_000;
export const MAX_RATE_WINDOW_SECONDS = 86_400;

const wholeNumber = (field: string, missing: string, max: number, unit: string) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? missing : `${field} is a whole number.`) })
    .min(1, `${field} is at least 1.`)
    .max(max, `${field} is at most ${max.toLocaleString('en')} ${unit}.`)
    // Checked after the bounds, and only within them: 1e300 is "too large", not also "not whole".
    .refine((value) => !(value >= 1 && value <= max) || Number.isInteger(value), `${field} is a whole number.`);

/** SPEC §7: requests per window, or null for none. Both numbers or neither: half a limit is refused by field. */
export const rateLimitSchema = z
  .strictObject(
    {
      limit: wholeNumber('The limit', 'Give the number of requests allowed per window too.', MAX_RATE_LIMIT, 'requests').describe(
        'Requests per window, 1–1,000,000',
      ),
      windowSeconds: wholeNumber(
        'The window',
        'Give the window (in seconds) the limit counts over too.',
        MAX_RATE_WINDOW_SECONDS,
        'seconds (a day)',
      ).describe('1–86,400'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `rateLimit takes limit and windowSeconds only, not ${issue.keys.join(', ')}.`
          : 'rateLimit is {"limit", "windowSeconds"} or null.',
    },
  )
  .nullable();
export type RateLimit = z.output<typeof rateLimitSchema>;

// Strict: an unknown field (a typo, `roleIds`, or `expiresAt` on an update) is refused by name, not ignored.
export const createApiAccessInput = z.strictObject({
  name: accessNameSchema,
  description: accessDescriptionSchema.default(''),
  tags: tagsSchema.default([]),
  roles: apiAccessRoleIdsSchema.default([]).describe('Role ids; needs getRole'),
  expiresAt: expiresAtSchema,
  allowedIps: allowedIpsSchema.default([]).describe('IPv4/IPv6 addresses or CIDR blocks, at most 100; empty: any address'),
  rateLimit: rateLimitSchema.default(null),
});

export const updateApiAccessInput = z.strictObject({
  id: accessIdSchema,
  name: accessNameSchema.optional(),
  description: accessDescriptionSchema.optional(),
  tags: tagsSchema.optional(),
  roles: apiAccessRoleIdsSchema.optional(),
  enabled: z
    .boolean({ error: 'enabled is true or false.' })
    .optional()
    .describe('false disables the key at once on every instance; true enables it again'),
  allowedIps: allowedIpsSchema.optional().describe('Replaces the list; [] allows any address'),
  rateLimit: rateLimitSchema.optional().describe('null removes the limit'),
});

export const regenerateApiAccessInput = z.strictObject({
  id: accessIdSchema,
  expiresAt: expiresAtSchema,
  gracePeriodSeconds: gracePeriodSecondsSchema,
});

export const deleteApiAccessInput = z.strictObject({ id: accessIdSchema });

/** A bulk delete is one transaction; 1,000 keys take well under a second (npm run bench). */
export const BULK_DELETE_LIMIT = 1000;

export const bulkDeleteApiAccessInput = z.strictObject({
  ids: z
    .array(z.string().min(1).max(64))
    .min(1, 'Select at least one API Access.')
    .max(BULK_DELETE_LIMIT, `At most ${BULK_DELETE_LIMIT.toLocaleString('en')} at a time.`)
    .transform((ids) => [...new Set(ids)]),
});
