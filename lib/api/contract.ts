import { z } from 'zod';
import { bulkDeleteApiAccessInput, createApiAccessInput, regenerateApiAccessInput, updateApiAccessInput } from '@/lib/api-access/schemas';
import { LIST_STATUSES } from '@/lib/api-access/list-filters';
import { PERMISSIONS, permissionSchema } from '@/lib/auth/permissions';
import { createRoleInput, updateRoleInput } from '@/lib/roles/schemas';
import { auditFiltersSchema } from '@/lib/audit/filters';
import { verifyRequestSchema, verifyResponseSchema } from '@/lib/tokens/verify-schemas';
import { gitHubLabelsSchema, gitHubReportSchema, revokeRequestSchema } from '@/lib/leaks/schemas';
import { timestampSchema as timestamp } from './timestamp';

/**
 * The HTTP shapes of SPEC §3, as zod schemas: request bodies are the
 * operations' input schemas (validated once, by the operation), and
 * /api/v1/openapi.json is generated from all of them.
 */
export const ApiAccessSchema = z
  .strictObject({
    id: z.string().describe('Access ID, `ak_` + 20 base32 characters'),
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    type: z.literal('API_KEY'),
    roles: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    status: z.enum(['Active', 'Disabled', 'Expired']),
    expiresAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    createdBy: z.strictObject({ kind: z.enum(['user', 'apiAccess']), id: z.string(), name: z.string() }),
    lastUsedAt: timestamp.nullable(),
    tokenStart: z.string().describe('The first 8 characters of the token'),
    enabled: z.boolean().describe('A disabled key verifies as DISABLED and authenticates nothing until enabled again'),
    leakedAt: timestamp.nullable().describe('When a token of this key was reported leaked: it stays disabled until regenerated'),
    allowedIps: z.array(z.string()).describe('Canonical IPv4/IPv6 addresses and CIDR blocks the key may be used from; empty: any address'),
    rateLimit: z
      .strictObject({ limit: z.number().int(), windowSeconds: z.number().int() })
      .nullable()
      .describe('Requests per window; null: no limit'),
    previousTokenExpiresAt: timestamp
      .nullable()
      .describe('During a rotation grace period: when the token replaced by the last regeneration stops working; otherwise null'),
  })
  .meta({ id: 'ApiAccess' });
/** ApiAccess as the REST API answers it (lib/api/serialize.ts); lib/api-access/types.ts has it with Date objects. */
export type ApiAccessJson = z.output<typeof ApiAccessSchema>;

export const ApiAccessWithTokenSchema = ApiAccessSchema.extend({
  token: z.string().describe('Shown once: only its SHA-256 digest is kept'),
}).meta({ id: 'ApiAccessWithToken' });

export const ApiAccessListSchema = z
  .strictObject({ data: z.array(ApiAccessSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ApiAccessList' });

export const RoleSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    predefined: z.boolean(),
    grants: z.array(z.strictObject({ permission: z.enum(PERMISSIONS), accessNamePattern: z.string().optional() })),
  })
  .meta({ id: 'Role' });

export type RoleJson = z.output<typeof RoleSchema>;

export const RoleListSchema = z.strictObject({ data: z.array(RoleSchema) }).meta({ id: 'RoleList' });

export const ProblemSchema = z
  .strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z
      .string()
      .optional()
      .meta({ description: 'urn:keygate:request:<id> for errors that were logged: quote it when reporting them' }),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const VerifyRequestSchema = verifyRequestSchema.meta({ id: 'VerifyRequest' });

export const VerifyResponseSchema = verifyResponseSchema.meta({ id: 'VerifyResponse' });

export const RevokeRequestSchema = revokeRequestSchema.meta({ id: 'RevokeRequest' });
export const RevokeResponseSchema = z
  .strictObject({ received: z.number().int().describe('How many credentials were received, whatever they are') })
  .meta({ id: 'RevokeResponse' });
export const GitHubReportSchema = gitHubReportSchema.meta({ id: 'GitHubSecretScanningReport' });
export const GitHubLabelsSchema = gitHubLabelsSchema.meta({ id: 'GitHubSecretScanningLabels' });

// As published: an ISO 8601 instant (the operations also take a Date from the forms).
const expiresAtInstant = z.iso.datetime({ offset: true }).describe('In the future, at most 366 days ahead');

// The request bodies are the operations' own input schemas (strict: an unknown field is a 400), less the id taken from the URL.
export const CreateApiAccessBody = createApiAccessInput.extend({ expiresAt: expiresAtInstant }).meta({ id: 'CreateApiAccess' });
export const UpdateApiAccessBody = updateApiAccessInput.omit({ id: true }).meta({ id: 'UpdateApiAccess' });
export const RegenerateBody = regenerateApiAccessInput
  .omit({ id: true })
  .extend({ expiresAt: expiresAtInstant })
  .meta({ id: 'RegenerateApiAccess' });
export const BulkDeleteBody = bulkDeleteApiAccessInput.meta({ id: 'BulkDeleteApiAccess' });
export const BulkDeleteResultSchema = z.strictObject({ deleted: z.number().int() }).meta({ id: 'BulkDeleteResult' });

export const CreateRoleBody = createRoleInput.meta({ id: 'CreateRole' });
export const UpdateRoleBody = updateRoleInput.omit({ id: true }).meta({ id: 'UpdateRole' });

export const ListQuery = z.object({
  status: z.enum(LIST_STATUSES).optional().describe('ExpiringSoon: active (enabled) with at most 7 days left'),
  role: z.string().optional().describe('Role id or name'),
  tag: z.string().optional(),
  q: z.string().optional().describe('Part of the Access Name, any case'),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('1–100, default 25'),
});

export { permissionSchema };

export const AuditLogQuery = auditFiltersSchema.extend({
  cursor: z.coerce.number().int().positive().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('1–200, default 50'),
});

export const AuditEntrySchema = z
  .strictObject({
    id: z.number().int(),
    at: timestamp,
    actor: z.strictObject({ kind: z.enum(['user', 'apiAccess', 'system', 'anonymous']), id: z.string().nullable(), name: z.string() }),
    action: z.string(),
    target: z.strictObject({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    changes: z.strictObject({ before: z.record(z.string(), z.unknown()).optional(), after: z.record(z.string(), z.unknown()).optional() }),
  })
  .meta({ id: 'AuditEntry' });

export type AuditEntryJson = z.output<typeof AuditEntrySchema>;

export const AuditLogPageSchema = z
  .strictObject({ data: z.array(AuditEntrySchema), nextCursor: z.number().int().nullable() })
  .meta({ id: 'AuditLogPage' });

export * from './webhook-contract';
