import { z } from 'zod';
import { clientIpSchema } from '@/lib/api-access/allowed-ips';
import { timestampSchema } from '@/lib/api/timestamp';
import { PERMISSIONS, permissionSchema } from '@/lib/auth/permissions';

// Only zod, ipaddr.js and the permission catalogue: the fast path of server/ imports this.

export const verifyRequestSchema = z.object({
  // Any string is the right shape (the body is capped at 64 KiB): a wrong one is MALFORMED, not a 400.
  token: z.string(),
  permission: permissionSchema.optional(),
  ip: clientIpSchema
    .optional()
    .describe("The caller's client address, IPv4 or IPv6: required by keys with allowed IPs (without it they answer IP_NOT_ALLOWED)"),
});
export type VerifyRequest = z.output<typeof verifyRequestSchema>;

/** SPEC §3's answer to a well-formed verification; lib/api/contract.ts publishes it. */
export const verifyResponseSchema = z.union([
  z.strictObject({
    valid: z.literal(true),
    code: z.literal('VALID'),
    accessId: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    permissions: z.array(z.enum(PERMISSIONS)),
    expiresAt: timestampSchema,
    graceEndsAt: timestampSchema.optional().describe("Only for a rotation's previous token: when it stops working"),
    rateLimit: z
      .strictObject({ limit: z.number().int(), remaining: z.number().int(), reset: timestampSchema })
      .optional()
      .describe('Only for a key with a rate limit: its limit, what is left of it in this window, and when the window resets'),
  }),
  z.strictObject({
    valid: z.literal(false),
    code: z.literal('RATE_LIMITED'),
    retryAfter: z.number().int().min(1).describe("Whole seconds until the key's rate limit allows requests again"),
  }),
  z.strictObject({
    valid: z.literal(false),
    code: z.enum(['MALFORMED', 'NOT_FOUND', 'EXPIRED', 'DISABLED', 'IP_NOT_ALLOWED', 'FORBIDDEN']),
  }),
]);
export type VerifyResponse = z.output<typeof verifyResponseSchema>;
