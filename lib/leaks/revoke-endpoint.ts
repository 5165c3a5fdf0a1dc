import { reportLeakedTokens } from '@/lib/leaks/report-leaks';
import { failure, type Result, success } from '@/lib/errors';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { retryAfterSeconds } from '@/lib/tokens/rate-limiter';
import type { Caller } from '@/lib/tokens/retired-token-alarm';
import { parseJsonObject } from '@/lib/api/read-body';
import { revokeRequestSchema } from './schemas';

/** SPEC §8: at most this many reports per client address per hour, across every instance. */
export const REVOKE_REPORTS_PER_HOUR = 60;

/**
 * POST /api/v1/tokens/revoke, up to the answer: the client's hourly allowance, then the body's
 * shape. What the credentials are is looked at only after the answer has gone (`report`), so its
 * timing tells nothing about whether any of them exists.
 */
export function acceptRevokeReport(
  bodyText: string,
  caller: Caller,
  nowMs = Date.now(),
): Result<{ received: number; report: () => Promise<Set<string>> }> {
  const allowance = tokenRuntime().limiter.take(
    `revoke:${caller.ip ?? 'unknown'}`,
    { limit: REVOKE_REPORTS_PER_HOUR, windowSeconds: 3600 },
    nowMs,
  );
  if (!allowance.allowed) {
    const retryAfter = retryAfterSeconds(allowance, nowMs);
    return {
      ...failure('THROTTLED', `At most ${REVOKE_REPORTS_PER_HOUR} reports per hour from one address. Try again in ${retryAfter} s.`),
      retryAfter,
    };
  }
  const parsed = parseJsonObject(bodyText);
  if (!parsed.ok) return parsed;
  const request = revokeRequestSchema.safeParse(parsed.data);
  if (!request.success) {
    return failure('VALIDATION', 'Send {"credentials": ["<token>", …]} with 1 to 1,000 strings.', {
      credentials: [request.error.issues[0]?.message ?? 'Send the credentials as an array of strings.'],
    });
  }
  const { credentials } = request.data;
  return success({
    received: credentials.length,
    report: () =>
      reportLeakedTokens(
        credentials.map((token) => ({ token })),
        'revoke_api',
        caller,
      ),
  });
}
