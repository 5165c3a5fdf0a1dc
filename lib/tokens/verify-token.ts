import { statusAt } from '@/lib/api-access/expiry';
import type { Permission } from '@/lib/auth/permissions';
import { allowsAddress, type TokenHolder, type TokenLookup } from './token-verifier';
import { type RateDecision, retryAfterSeconds } from './rate-limiter';
import { type CallerSource, reportRetiredTokenUse, retiredTokenOf } from './retired-token-alarm';
import { type Runtime, tokenRuntime } from './runtime';
import type { VerifyRequest, VerifyResponse } from './verify-schemas';

type Valid = Extract<VerifyResponse, { valid: true }>;

// One VALID answer per cached holder (holders are replaced, never changed), and the JSON of each answer.
const validAnswers = new WeakMap<TokenHolder, Valid>();
const answerJson = new WeakMap<VerifyResponse, string>();

function validAnswer(holder: TokenHolder): Valid {
  let valid = validAnswers.get(holder);
  if (!valid) {
    valid = Object.freeze({
      valid: true,
      code: 'VALID',
      accessId: holder.accessId,
      name: holder.name,
      roles: holder.roles,
      permissions: holder.permissions,
      expiresAt: holder.expiresAt.toISOString(),
      // A rotation's previous token says when it stops (SPEC §7), so its holder knows to switch.
      ...(holder.graceEndsAt ? { graceEndsAt: holder.graceEndsAt.toISOString() } : {}),
    }) as Valid;
    validAnswers.set(holder, valid);
  }
  return valid;
}

/** The JSON text of an answer made for one request, written beside it (JSON.stringify skips symbol keys). */
const JSON_TEXT = Symbol('json');
type WithJson = VerifyResponse & { [JSON_TEXT]?: string };

/** The JSON text of an answer: serialised once per shared (frozen) answer; a per-request answer carries its own. */
export function verifyResponseJson(response: VerifyResponse): string {
  const own = (response as WithJson)[JSON_TEXT];
  if (own !== undefined) return own;
  if (!Object.isFrozen(response)) return JSON.stringify(response);
  let json = answerJson.get(response);
  if (json === undefined) {
    json = JSON.stringify(response);
    answerJson.set(response, json);
  }
  return json;
}

function answer(
  found: TokenLookup,
  permission: Permission | undefined,
  ip: string | undefined,
  nowMs: number,
  { usage, limiter }: Pick<Runtime, 'usage' | 'limiter'>,
  caller: CallerSource,
): VerifyResponse {
  if (found.kind === 'malformed') return MALFORMED;
  if (found.kind === 'notFound') return NOT_FOUND;
  const retired = retiredTokenOf(found, nowMs);
  if (retired || found.kind !== 'found') {
    // The address the service vouches for names the holder better than the service's own.
    if (retired) reportRetiredTokenUse(retired, ip ? { ...caller(), ip } : caller());
    return NOT_FOUND;
  }
  const { holder } = found;
  // Never cached: the clock decides on every call. The key's status orders EXPIRED before DISABLED (SPEC §3).
  const status = statusAt(holder, nowMs);
  if (status !== 'Active') return status === 'Expired' ? EXPIRED : DISABLED;
  // Fails closed: a key with allowed IPs and no ip in the request is refused.
  if (!allowsAddress(holder, ip)) return IP_NOT_ALLOWED;
  // Every verification that reaches the rate check counts against the limit (SPEC §3), in memory.
  const rate = holder.rateLimit && limiter.take(holder.accessId, holder.rateLimit, nowMs);
  if (rate && !rate.allowed) return { valid: false, code: 'RATE_LIMITED', retryAfter: retryAfterSeconds(rate, nowMs) };
  if (permission && !holder.permissions.includes(permission)) return FORBIDDEN;
  usage.record(holder.accessId, nowMs);
  const valid = validAnswer(holder);
  return rate ? withRateLimit(valid, rate) : valid;
}

/**
 * A limited key's VALID answer, per request: the shared answer plus its rate limit. Its JSON is the
 * shared answer's text with the rate limit spliced in, so a busy limited key is not serialised whole
 * on every request.
 */
function withRateLimit(valid: Valid, rate: RateDecision): Valid {
  const reset = resetText(rate.resetMs);
  const answer: WithJson = { ...valid, rateLimit: { limit: rate.limit, remaining: rate.remaining, reset } };
  const shared = verifyResponseJson(valid);
  answer[JSON_TEXT] = `${shared.slice(0, -1)},"rateLimit":{"limit":${rate.limit},"remaining":${rate.remaining},"reset":"${reset}"}}`;
  return answer as Valid;
}

// Windows end at a few instants at a time: each one's ISO text is made once.
let lastReset = { ms: Number.NaN, text: '' };
const resetText = (ms: number) => (lastReset.ms === ms ? lastReset.text : (lastReset = { ms, text: new Date(ms).toISOString() }).text);

const UNKNOWN_CALLER: CallerSource = () => ({ ip: null, userAgent: null });

const MALFORMED = Object.freeze({ valid: false, code: 'MALFORMED' } as const);
const NOT_FOUND = Object.freeze({ valid: false, code: 'NOT_FOUND' } as const);
const EXPIRED = Object.freeze({ valid: false, code: 'EXPIRED' } as const);
const DISABLED = Object.freeze({ valid: false, code: 'DISABLED' } as const);
const IP_NOT_ALLOWED = Object.freeze({ valid: false, code: 'IP_NOT_ALLOWED' } as const);
const FORBIDDEN = Object.freeze({ valid: false, code: 'FORBIDDEN' } as const);

/**
 * SPEC §3 token validation, shared by the fast path in server/ and the route
 * handler. A VALID answer counts as a use of the key. When the token is
 * malformed or cached the answer is synchronous: a busy verifier's hot path
 * creates no promise (each costs more while Next's AsyncLocalStorage is active).
 */
export function verifyToken(
  { token, permission, ip }: VerifyRequest,
  nowMs = Date.now(),
  caller: CallerSource = UNKNOWN_CALLER,
): VerifyResponse | Promise<VerifyResponse> {
  const runtime = tokenRuntime();
  const found = runtime.verifier.find(token);
  return found instanceof Promise
    ? found.then((lookup) => answer(lookup, permission, ip, nowMs, runtime, caller))
    : answer(found, permission, ip, nowMs, runtime, caller);
}
