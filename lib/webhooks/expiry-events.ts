import { inArray } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { apiAccess } from '@/db/schema';
import { toApiAccessList } from '@/lib/api-access/rows';
import { KEYGATE_SYSTEM } from '@/lib/audit/record-audit';
import type { NoticeThreshold } from '@/lib/notifications/thresholds';
import { apiAccessEventData } from './api-access-events';
import { raiseWebhookEvents, type WebhookEvent } from './raise-event';

/**
 * The expiry job's events, raised in the transaction that plans the notices (so each notice, planned
 * once, raises its event once): `api_access.expiring` with data.threshold 30d/7d/1d, and
 * `api_access.expired`. Keygate itself is the actor.
 */
export async function raiseExpiryEvents(q: Queryable, notices: { apiAccessId: string; threshold: NoticeThreshold }[]): Promise<void> {
  if (notices.length === 0) return;
  const rows = await q
    .select()
    .from(apiAccess)
    .where(
      inArray(
        apiAccess.id,
        notices.map((notice) => notice.apiAccessId),
      ),
    );
  const keys = new Map((await toApiAccessList(q, rows)).map((key) => [key.id, key]));
  await raiseWebhookEvents(
    q,
    notices.flatMap(({ apiAccessId, threshold }): WebhookEvent[] => {
      const key = keys.get(apiAccessId);
      if (!key) return [];
      return threshold === 'expired'
        ? [{ type: 'api_access.expired', data: apiAccessEventData(key, KEYGATE_SYSTEM) }]
        : [{ type: 'api_access.expiring', data: apiAccessEventData(key, KEYGATE_SYSTEM, { threshold }) }];
    }),
  );
}
