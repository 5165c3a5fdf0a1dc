import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { apiAccess } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { firstNoticeCheck } from '@/lib/notifications/windows';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';
import { announceTokenChange } from '@/lib/tokens/announce-change';
import { inTransaction } from '@/lib/transaction';
import { raiseApiAccessEvent } from '@/lib/webhooks/api-access-events';
import { findApiAccess } from './rows';
import { auditSnapshot } from './audit-snapshot';
import { checkActOnKeys, lockKeyForChange } from './rules';
import { graceEnd } from './rotation';
import { LEAK_CLEARED } from './leak';
import { regenerateApiAccessInput } from './schemas';
import type { ApiAccessWithToken } from './types';

export const regenerateApiAccess = defineOperation({
  permission: 'regenerateApiAccess',
  input: regenerateApiAccessInput,
  async run(actor, { id, expiresAt, gracePeriodSeconds }) {
    const token = generateToken();
    return inTransaction(async (tx) => {
      const locked = await lockKeyForChange(tx, id);
      if (!locked.ok) return locked;
      const before = locked.data;
      // Within reach, and the new token acts with the key's roles: handing it out is handing out those roles.
      const refused = await checkActOnKeys(tx, actor, 'regenerateApiAccess', [before]);
      if (refused) return refused;
      // Replacing the digest is what kills the old token: it stops matching in this same transaction,
      // unless it is kept as the previous token for a grace period (replacing any earlier one, which
      // thereby stops at once). The database records the replaced token as retired (migration 0018).
      // The new expiration starts a new notice cycle (notices are kept per expiration).
      const validFrom = new Date();
      // A leaked token gets no grace: regenerating a leaked key ends it at once, and clears the mark (SPEC §8).
      const previousEnd = before.leakedAt ? null : graceEnd(before.expiresAt, gracePeriodSeconds, validFrom);
      await tx
        .update(apiAccess)
        .set({
          previousTokenDigest: previousEnd ? sql`${apiAccess.tokenDigest}` : null,
          previousTokenExpiresAt: previousEnd,
          ...(before.leakedAt ? LEAK_CLEARED : {}),
          tokenDigest: tokenDigest(token),
          tokenStart: tokenStart(token),
          expiresAt,
          validFrom,
          noticeCheckAt: firstNoticeCheck(expiresAt, validFrom),
          updatedAt: sql`now()`,
        })
        .where(eq(apiAccess.id, id));
      announceTokenChange(tx, id);
      const after = (await findApiAccess(tx, id))!;
      await recordAudit(tx, actor, {
        action: 'apiAccess.regenerate',
        targetId: id,
        targetName: after.name,
        before: {
          expiresAt: auditSnapshot(before).expiresAt,
          tokenRegenerated: false,
          ...(before.leakedAt ? { leakedAt: before.leakedAt.toISOString(), enabled: false } : {}),
        },
        after: {
          expiresAt: auditSnapshot(after).expiresAt,
          tokenRegenerated: true,
          gracePeriodSeconds,
          previousTokenExpiresAt: previousEnd?.toISOString() ?? null,
          ...(before.leakedAt ? { leakedAt: null, enabled: true } : {}),
        },
      });
      await raiseApiAccessEvent(tx, actor, 'api_access.regenerated', after);
      return success<ApiAccessWithToken>({ apiAccess: after, token });
    });
  },
});
