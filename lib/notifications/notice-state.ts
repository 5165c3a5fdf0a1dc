import { inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { expiryNotices } from '@/db/schema';

export const REGENERATED_NOTE = 'The key was regenerated before this notice went out; its new expiration starts a new cycle.';
export const DISABLED_NOTE = 'The key was disabled before this notice went out: a disabled key gets no expiry notices.';

type NoticeOfKey = { expiresAt: Date; keyExpiresAt: Date; keyEnabled: boolean };

/**
 * Why a notice no longer stands, or null while it does: its key must still expire when the
 * notice says (a regeneration moved it, and starts a new cycle) and still be enabled (SPEC §7).
 */
export const noticeFallsBecause = (notice: NoticeOfKey): string | null =>
  notice.expiresAt.getTime() !== notice.keyExpiresAt.getTime() ? REGENERATED_NOTE : notice.keyEnabled ? null : DISABLED_NOTE;

/** Notices that will not be emailed (any more), with the reason shown on the key's detail view. */
export async function settleNotices(tx: Tx, noticeIds: string[], status: 'cancelled' | 'no_recipient', note: string): Promise<void> {
  if (noticeIds.length === 0) return;
  await tx.update(expiryNotices).set({ status, note }).where(inArray(expiryNotices.id, noticeIds));
}

/** Cancels notices that no longer stand, each with its reason. */
export async function cancelFallenNotices<N extends NoticeOfKey & { noticeId: string }>(tx: Tx, fallen: N[]): Promise<void> {
  for (const note of [REGENERATED_NOTE, DISABLED_NOTE]) {
    const ids = fallen.filter((notice) => noticeFallsBecause(notice) === note).map((notice) => notice.noticeId);
    await settleNotices(tx, ids, 'cancelled', note);
  }
}
