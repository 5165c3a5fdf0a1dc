import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * The claimed-outbox mechanism shared by the email outbox and the webhook deliveries: a due row is
 * selected FOR UPDATE SKIP LOCKED in a short transaction and given a lease on the database's clock
 * (so no lock is held while it is sent, and instances whose clocks differ agree); the sender
 * records the outcome only while its lease id still stands, so a sender whose lease ran out
 * cannot overwrite the next one's outcome.
 */
export type OutboxColumns = {
  id: PgColumn;
  status: PgColumn;
  nextAttemptAt: PgColumn;
  leaseUntil: PgColumn;
  leaseId: PgColumn;
};

/** Pending, due at `now`, and not leased (or its lease has run out). */
export const isDue = (table: OutboxColumns, now: Date | SQL): SQL =>
  and(eq(table.status, 'pending'), lte(table.nextAttemptAt, now), or(isNull(table.leaseUntil), lte(table.leaseUntil, sql`now()`)))!;

/** The columns that take a row for one sender, for `seconds`. */
export const newLease = (seconds: number) => ({
  leaseUntil: sql`now() + make_interval(secs => ${seconds})`,
  leaseId: randomUUID(),
});

/** The columns that give the row back when an outcome is recorded. */
export const RELEASED = { leaseUntil: null, leaseId: null };

/** The row, while `leaseId` still holds it. */
export const heldBy = (table: OutboxColumns, row: { id: string; leaseId: string | null }): SQL =>
  and(eq(table.id, row.id), eq(table.leaseId, row.leaseId!))!;
