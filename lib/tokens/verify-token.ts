import { z } from 'zod';
import { PERMISSIONS, permissionSchema, type Permission } from '@/lib/auth/permissions';
import { tokenRuntime } from './runtime';

export const verifyRequestSchema = z.object({
  token: z.string().max(4096),
  permission: permissionSchema.optional(),
});
export type VerifyRequest = z.output<typeof verifyRequestSchema>;

export const VERIFY_CODES = ['VALID', 'MALFORMED', 'NOT_FOUND', 'EXPIRED', 'FORBIDDEN'] as const;

export type VerifyResponse =
  | { valid: true; code: 'VALID'; accessId: string; name: string; roles: string[]; permissions: Permission[]; expiresAt: string }
  | { valid: false; code: Exclude<(typeof VERIFY_CODES)[number], 'VALID'> };

/** The permissions a set of grants amounts to, in catalog order. */
export const permissionsOf = (grants: { permission: Permission }[]) =>
  PERMISSIONS.filter((permission) => grants.some((grant) => grant.permission === permission));

/**
 * SPEC §3 token validation, shared by the fast path in server/ and the route
 * handler. A VALID answer counts as a use of the key.
 */
export async function verifyToken({ token, permission }: VerifyRequest, now = new Date()): Promise<VerifyResponse> {
  const runtime = tokenRuntime();
  const found = await runtime.verifier.lookup(token);
  if (found.kind === 'malformed') return { valid: false, code: 'MALFORMED' };
  if (found.kind === 'notFound') return { valid: false, code: 'NOT_FOUND' };
  const { holder } = found;
  // Never cached: the clock decides on every call.
  if (holder.expiresAt.getTime() <= now.getTime()) return { valid: false, code: 'EXPIRED' };
  const permissions = permissionsOf(holder.grants);
  if (permission && !permissions.includes(permission)) return { valid: false, code: 'FORBIDDEN' };
  runtime.usage.record(holder.accessId, now);
  return {
    valid: true,
    code: 'VALID',
    accessId: holder.accessId,
    name: holder.name,
    roles: holder.roles,
    permissions,
    expiresAt: holder.expiresAt.toISOString(),
  };
}
