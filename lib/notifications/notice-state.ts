import { inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { expiryNotices } from '@/db/schema';

export const REGENERATED_NOTE = 'The key was regenerated before this notice went out; its new expiration starts a new cycle.';

/** A notice stands while its key still expires when the notice says (a regeneration moved it, and starts a new cycle). */
export const noticeStands = (noticeExpiresAt: Date, keyExpiresAt: Date) => noticeExpiresAt.getTime() === keyExpiresAt.getTime();

/** Notices that will not be emailed (any more), with the reason shown on the key's detail view. */
export async function settleNotices(tx: Tx, noticeIds: string[], status: 'cancelled' | 'no_recipient', note: string): Promise<void> {
  if (noticeIds.length === 0) return;
  await tx.update(expiryNotices).set({ status, note }).where(inArray(expiryNotices.id, noticeIds));
}
