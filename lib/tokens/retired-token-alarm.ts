import { recordBatched } from '@/lib/audit/batched-audit';
import type { RetiredToken, TokenLookup } from './token-verifier';

/** Who presented a token, as far as the request tells: read only when there is something to report. */
export type Caller = { ip: string | null; userAgent: string | null };
export type CallerSource = () => Caller;

const MAX_LISTED = 10;

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
      actor: { kind: 'anonymous', id: null, name: 'Holder of a retired token', ip, userAgent },
      action: 'apiAccess.retiredTokenUsed',
      targetId: retired.accessId,
      targetName: retired.name,
      detail: { ips: ip ? [ip] : [], userAgents: userAgent ? [userAgent] : [] },
    },
    (into, detail) => {
      for (const field of ['ips', 'userAgents'] as const) {
        const seen = into[field] as string[];
        for (const value of detail[field] as string[]) if (seen.length < MAX_LISTED && !seen.includes(value)) seen.push(value);
      }
    },
  );
}
