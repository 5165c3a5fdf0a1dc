import { db } from '@/db/client';
import { findApiAccess } from '@/lib/api-access/rows';
import { recordBatched } from '@/lib/audit/batched-audit';
import { apiAccessEventData } from '@/lib/webhooks/api-access-events';
import { raiseWebhookEvent } from '@/lib/webhooks/raise-event';
import type { RetiredToken, TokenLookup } from './token-verifier';

/** Who presented a token, as far as the request tells: read only when there is something to report. */
export type Caller = { ip: string | null; userAgent: string | null };
export type CallerSource = () => Caller;

const MAX_LISTED = 10;
const RETIRED_TOKEN_HOLDER = { kind: 'anonymous' as const, id: null, name: 'Holder of a retired token' };

/** The retired token a lookup found: a retired digest, or a rotation's previous token once its grace has ended. */
export function retiredTokenOf(found: TokenLookup, nowMs: number): RetiredToken | null {
  if (found.kind === 'retired') return found.retired;
  if (found.kind === 'found' && found.holder.graceEndsAt && found.holder.graceEndsAt.getTime() <= nowMs) {
    return { accessId: found.holder.accessId, name: found.holder.name };
  }
  return null;
}

/**
 * SPEC §7: someone still holds a token that stopped working. Batched like refusals
 * (lib/audit/batched-audit.ts): a flood costs each request a map update, and becomes one entry per
 * key per flush with the count and the first addresses and user agents seen.
 */
export function reportRetiredTokenUse(retired: RetiredToken, { ip, userAgent }: Caller): void {
  recordBatched(
    {
      key: `retired\n${retired.accessId}`,
      actor: { ...RETIRED_TOKEN_HOLDER, ip, userAgent },
      action: 'apiAccess.retiredTokenUsed',
      targetId: retired.accessId,
      targetName: retired.name,
      detail: { ips: ip ? [ip] : [], userAgents: userAgent ? [userAgent] : [] },
      // SPEC §7: the webhook event api_access.retired_token_used, once per batched entry.
      onWritten: async ({ count, detail }) => {
        const key = await findApiAccess(db, retired.accessId);
        await raiseWebhookEvent(db, 'api_access.retired_token_used', {
          ...(key ? apiAccessEventData(key, RETIRED_TOKEN_HOLDER) : { actor: RETIRED_TOKEN_HOLDER }),
          apiAccessId: retired.accessId,
          name: retired.name,
          count,
          ...detail,
        });
      },
    },
    (into, detail) => {
      for (const field of ['ips', 'userAgents'] as const) {
        const seen = into[field] as string[];
        for (const value of detail[field] as string[]) if (seen.length < MAX_LISTED && !seen.includes(value)) seen.push(value);
      }
    },
  );
}
