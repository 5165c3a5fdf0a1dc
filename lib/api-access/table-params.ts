import { z } from 'zod';
import { SORT_FIELDS } from './keyset';
import { LIST_STATUSES, type ListFilters } from './list-filters';

export const PAGE_SIZES = [25, 50, 100] as const;
export { SORT_FIELDS };

const cursorParam = z.string().max(400).optional().catch(undefined);

/** The table's state, as it sits in the URL. Anything unrecognised falls back to the default. */
export const listParamsSchema = z.object({
  q: z.string().trim().max(64).catch(''),
  status: z.enum(LIST_STATUSES).optional().catch(undefined),
  // The Role filter puts a role's id here (resolved with the REST list's one rule, resolveRoleFilter).
  role: z.uuid().optional().catch(undefined),
  tag: z
    .string()
    .trim()
    .max(40)
    .optional()
    .catch(undefined)
    .transform((tag) => tag || undefined),
  sort: z.enum(SORT_FIELDS).catch('created'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
    .catch(25),
  // Where the page is (keyset): after or before a row, or the last page; none of them, the first.
  after: cursorParam,
  before: cursorParam,
  last: z.literal('1').optional().catch(undefined),
});
export type ListParams = z.output<typeof listParamsSchema> & ListFilters;
