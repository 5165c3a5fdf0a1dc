import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { apiAccess } from '@/db/schema';
import { recordAudit, type AnonymousActor } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { announceTokenChange } from '@/lib/tokens/announce-change';
import { isWellFormedToken, tokenDigest, tokenStart } from '@/lib/tokens/token';
import type { Caller } from '@/lib/tokens/retired-token-alarm';
import { inTransaction } from '@/lib/transaction';
import { leakMark } from '@/lib/api-access/leak';
import { findApiAccess } from '@/lib/api-access/rows';
import { apiAccessEventData } from '@/lib/webhooks/api-access-events';
import { raiseWebhookEvent } from '@/lib/webhooks/raise-event';
import { queueLeakEmails } from './leak-emails';

export type LeakSource = 'revoke_api' | 'github';
/** One reported string, and where it was found when the reporter says (GitHub's `url`). */
export type LeakReportItem = { token: string; url?: string | null };

const REPORTERS: Record<LeakSource, string> = { revoke_api: 'Leak report (revoke API)', github: 'GitHub secret scanning' };

/**
 * SPEC §8: every reported string that is a working token of a key (its current token, or the
 * previous one during a rotation's grace) marks that key leaked: disabled, its grace ended, the
 * time, source and place recorded, an audit entry naming the reporter's address and user agent
 * and the token's start only, the leak email to the author and every active ADMIN (sent once this
 * commits) and the webhook event api_access.leaked. A key already marked stays as it was first reported. Returns the
 * digests of the reported strings that were such tokens.
 */
export async function reportLeakedTokens(items: LeakReportItem[], source: LeakSource, reporter: Caller): Promise<Set<string>> {
  const urls = new Map<string, { token: string; url: string | null }>();
  for (const item of items)
    if (isWellFormedToken(item.token)) urls.set(tokenDigest(item.token), { token: item.token, url: item.url ?? null });
  if (urls.size === 0) return new Set();
  const digests = [...urls.keys()];
  const result = await inTransaction(async (tx) => {
    const keys = await tx
      .select({
        id: apiAccess.id,
        name: apiAccess.name,
        enabled: apiAccess.enabled,
        leakedAt: apiAccess.leakedAt,
        authorUserId: apiAccess.authorUserId,
        tokenDigest: apiAccess.tokenDigest,
        previousTokenDigest: apiAccess.previousTokenDigest,
      })
      .from(apiAccess)
      .where(
        or(
          inArray(apiAccess.tokenDigest, digests),
          and(inArray(apiAccess.previousTokenDigest, digests), gt(apiAccess.previousTokenExpiresAt, sql`now()`)),
        ),
      )
      .orderBy(apiAccess.id)
      .for('update');
    const matched = new Set<string>();
    const actor: AnonymousActor = { kind: 'anonymous', id: null, name: REPORTERS[source], ip: reporter.ip, userAgent: reporter.userAgent };
    for (const key of keys) {
      const digest = urls.has(key.tokenDigest) ? key.tokenDigest : key.previousTokenDigest!;
      matched.add(digest);
      if (key.leakedAt) continue;
      const { token, url } = urls.get(digest)!;
      const [marked] = await tx
        .update(apiAccess)
        .set({ ...leakMark(source, url), updatedAt: sql`now()` })
        .where(eq(apiAccess.id, key.id))
        .returning({ leakedAt: apiAccess.leakedAt });
      await recordAudit(tx, actor, {
        action: 'apiAccess.leaked',
        targetId: key.id,
        targetName: key.name,
        before: { enabled: key.enabled, leakedAt: null },
        after: {
          enabled: false,
          leakedAt: marked!.leakedAt!.toISOString(),
          source,
          ...(url ? { url } : {}),
          token: key.tokenDigest === digest ? 'current' : 'previous',
          tokenStart: tokenStart(token),
        },
      });
      const facts = { leakedAt: marked!.leakedAt!, source, url, tokenStart: tokenStart(token) };
      await queueLeakEmails(tx, key, facts);
      const after = (await findApiAccess(tx, key.id))!;
      await raiseWebhookEvent(tx, 'api_access.leaked', apiAccessEventData(after, actor, { source, url, tokenStart: facts.tokenStart }));
    }
    announceTokenChange(
      tx,
      keys.filter((key) => !key.leakedAt).map((key) => key.id),
    );
    return success(matched);
  });
  return result.ok ? result.data : new Set();
}
