import 'server-only';
import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiAccess, type ApiAccessRow } from '@/db/schema';

/**
 * Keyset pagination of the API Access table and the REST list: a page starts after (or ends
 * before) the sort value and Access ID of a row, so the last page costs what the first does at
 * any size, and pages stay stable while keys come and go (an OFFSET would read every row it skips).
 */

export const SORT_FIELDS = ['name', 'created', 'expiration'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

export type Position = {
  /** Rows after this cursor (the Next page). */
  after?: string;
  /** Rows before this cursor (the Previous page). */
  before?: string;
  /** The last page. */
  last?: boolean;
};

// lower(name) is unique (api_access_name_lower_key); the two instants have (column, id) indexes.
const SORT_KEYS: Record<SortField, SQL> = {
  name: sql`lower(${apiAccess.name})`,
  created: sql`${apiAccess.createdAt}`,
  expiration: sql`${apiAccess.expiresAt}`,
};
// Instants go into the cursor as PostgreSQL's own text to the microsecond: a JavaScript Date would round them.
const instantText = (column: SQL) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const SORT_KEY_TEXT: Record<SortField, SQL<string>> = {
  name: sql<string>`lower(${apiAccess.name})`,
  created: instantText(SORT_KEYS.created),
  expiration: instantText(SORT_KEYS.expiration),
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** The shape to_char writes, and a real instant (month 13 or February 30 would fail in PostgreSQL as a 500). */
const isInstant = (text: string) =>
  INSTANT.test(text) && new Date(`${text.slice(0, 23)}Z`).toISOString().slice(0, 23) === text.slice(0, 23);

export const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');

/** Exactly what encodeCursor wrote for this sort, or null: anything else would reach PostgreSQL as a bad value. */
export function decodeCursor(cursor: string, sort: SortField): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    const [key, id] = value as [string, string];
    if (id.length > 64 || key.length > 256 || key.includes('\0') || id.includes('\0')) return null;
    if (sort !== 'name' && !isInstant(key)) return null;
    return [key, id];
  } catch {
    return null;
  }
}

/** Before a row or the last page: the query runs in the opposite order and the page is turned back. An `after` wins. */
const travelsBackward = (position: Position) => !position.after && Boolean(position.before || position.last);

const cursorValue = (sort: SortField, key: string) => (sort === 'name' ? sql`${key}` : sql`${key}::timestamptz`);

/** The query of one page (one row more than asked, to know whether there is another), in the order it travels. */
export function keysetQuery(where: SQL | undefined, sort: SortField, dir: SortDirection, position: Position, limit: number) {
  const backward = travelsBackward(position);
  const raw = position.after ?? (backward ? position.before : undefined);
  const cursor = raw ? decodeCursor(raw, sort) : null;
  const ascending = (dir === 'asc') !== backward;
  const key = SORT_KEYS[sort];
  const beyond = cursor
    ? ascending
      ? sql`(${key}, ${apiAccess.id}) > (${cursorValue(sort, cursor[0])}, ${cursor[1]})`
      : sql`(${key}, ${apiAccess.id}) < (${cursorValue(sort, cursor[0])}, ${cursor[1]})`
    : undefined;
  const order = ascending ? asc : desc;
  return db
    .select({ row: apiAccess, key: SORT_KEY_TEXT[sort] })
    .from(apiAccess)
    .where(and(where, beyond))
    .orderBy(order(key), order(apiAccess.id))
    .limit(limit + 1);
}

export type KeysetPage = { rows: ApiAccessRow[]; previous: string | null; next: string | null };

/** One page in display order, with the cursors of the pages before and after it (null: there is none). */
export async function keysetPage(
  where: SQL | undefined,
  sort: SortField,
  dir: SortDirection,
  asked: Position,
  limit: number,
): Promise<KeysetPage> {
  // A cursor this sort did not make counts as none: the first page.
  const valid = (cursor?: string) => (cursor && decodeCursor(cursor, sort) ? cursor : undefined);
  const position = { after: valid(asked.after), before: valid(asked.before), last: asked.last };
  const backward = travelsBackward(position);
  const fetched = await keysetQuery(where, sort, dir, position, limit);
  const more = fetched.length > limit;
  // Going back reached the start with a short page: show the full first page instead.
  if (backward && !more && fetched.length < limit) return keysetPage(where, sort, dir, {}, limit);
  const page = fetched.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  // Travelling forward, there is a previous page when we came from one; backward, a next one.
  const hasPrevious = backward ? more : Boolean(position.after);
  const hasNext = backward ? Boolean(position.before) : more;
  return {
    rows: page.map(({ row }) => row),
    previous: hasPrevious && first ? encodeCursor(first.key, first.row.id) : null,
    next: hasNext && last ? encodeCursor(last.key, last.row.id) : null,
  };
}
