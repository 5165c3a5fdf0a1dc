import { statusAt } from '@/lib/api-access/expiry';
import type { Permission } from '@/lib/auth/permissions';
import type { TokenHolder, TokenLookup } from './token-verifier';
import type { UsageRecorder } from './usage-recorder';
import { type CallerSource, reportRetiredTokenUse, retiredTokenOf } from './retired-token-alarm';
import { tokenRuntime } from './runtime';
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

/** The JSON text of an answer, serialised once per answer object. */
export function verifyResponseJson(response: VerifyResponse): string {
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
  usage: UsageRecorder,
  caller: CallerSource,
): VerifyResponse {
  if (found.kind === 'malformed') return MALFORMED;
  if (found.kind === 'notFound') return NOT_FOUND;
  const retired = retiredTokenOf(found, nowMs);
  if (retired || found.kind !== 'found') {
    if (retired) reportRetiredTokenUse(retired, caller());
    return NOT_FOUND;
  }
  const { holder } = found;
  // Never cached: the clock decides on every call. The key's status orders EXPIRED before DISABLED (SPEC §3).
  const status = statusAt(holder, nowMs);
  if (status !== 'Active') return status === 'Expired' ? EXPIRED : DISABLED;
  // Fails closed: a key with allowed IPs and no ip in the request is refused.
  if (holder.ipAllowed !== null && !holder.ipAllowed(ip)) return IP_NOT_ALLOWED;
  if (permission && !holder.permissions.includes(permission)) return FORBIDDEN;
  usage.record(holder.accessId, nowMs);
  return validAnswer(holder);
}

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
    ? found.then((lookup) => answer(lookup, permission, ip, nowMs, runtime.usage, caller))
    : answer(found, permission, ip, nowMs, runtime.usage, caller);
}
