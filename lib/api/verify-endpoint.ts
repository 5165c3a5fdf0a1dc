import { type Result, failure, success } from '@/lib/errors';
import { verifyToken } from '@/lib/tokens/verify-token';
import { type VerifyResponse, verifyRequestSchema } from '@/lib/tokens/verify-schemas';
import type { CallerSource } from '@/lib/tokens/retired-token-alarm';
import { verificationAnswered, verificationStarted } from '@/lib/metrics/metrics';
import { parseJsonObject } from './read-body';

/**
 * POST /api/v1/tokens/verify from a raw body: shared by the route handler and
 * the fast path of server/, so both answer exactly alike and are counted alike (lib/metrics).
 */
export function answerVerify(bodyText: string, caller?: CallerSource): Result<VerifyResponse> | Promise<Result<VerifyResponse>> {
  const parsed = parseJsonObject(bodyText);
  if (!parsed.ok) return parsed;
  const request = verifyRequestSchema.safeParse(parsed.data);
  if (!request.success) {
    return failure('VALIDATION', 'Send {"token": "...", "permission"?: "<permission name>", "ip"?: "<IPv4 or IPv6 address>"}.', {
      ...(request.error.issues.some((i) => i.path[0] === 'token') ? { token: ['A token string is required.'] } : {}),
      ...(request.error.issues.some((i) => i.path[0] === 'permission') ? { permission: ['Not a permission of the catalog.'] } : {}),
      ...(request.error.issues.some((i) => i.path[0] === 'ip') ? { ip: ['ip is an IPv4 or IPv6 address.'] } : {}),
    });
  }
  const startedAt = verificationStarted();
  const verdict = verifyToken(request.data, Date.now(), caller);
  if (!(verdict instanceof Promise)) return answered(verdict, startedAt);
  return verdict.then((response) => answered(response, startedAt));
}

// Counted here, where the fast path and the route handler meet: once per answer, whichever served it.
function answered(response: VerifyResponse, startedAt: number): Result<VerifyResponse> {
  verificationAnswered(response.code, startedAt);
  return success(response);
}
