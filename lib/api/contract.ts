import { z } from 'zod';
import { accessDescriptionSchema, accessNameSchema, apiAccessRoleIdsSchema, expiryDateRule, tagsSchema } from '@/lib/api-access/schemas';
import { PERMISSIONS, permissionSchema } from '@/lib/auth/permissions';
import { descriptionSchema, grantsSchema, roleNameSchema } from '@/lib/roles/schemas';
import { verifyRequestSchema } from '@/lib/tokens/verify-token';

/**
 * The HTTP shapes of SPEC §3, as zod schemas: request bodies reuse the field
 * schemas the operations validate with, and /api/v1/openapi.json is generated
 * from all of them.
 */
const timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601, UTC');

export const ApiAccessSchema = z
  .strictObject({
    id: z.string().describe('Access ID, `ak_` + 20 base32 characters'),
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    type: z.literal('API_KEY'),
    roles: z.array(z.strictObject({ id: z.string(), name: z.string() })),
    status: z.enum(['Active', 'Expired']),
    expiresAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    createdBy: z.strictObject({ kind: z.enum(['user', 'apiAccess']), id: z.string(), name: z.string() }),
    lastUsedAt: timestamp.nullable(),
    tokenStart: z.string().describe('The first 8 characters of the token'),
  })
  .meta({ id: 'ApiAccess' });

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

export const VerifyResponseSchema = z
  .union([
    z.strictObject({
      valid: z.literal(true),
      code: z.literal('VALID'),
      accessId: z.string(),
      name: z.string(),
      roles: z.array(z.string()),
      permissions: z.array(z.enum(PERMISSIONS)),
      expiresAt: timestamp,
    }),
    z.strictObject({ valid: z.literal(false), code: z.enum(['MALFORMED', 'NOT_FOUND', 'EXPIRED', 'FORBIDDEN']) }),
  ])
  .meta({ id: 'VerifyResponse' });

// An ISO 8601 instant, then the same future/≤366-days rule as the forms (so all errors come back at once).
const expiresAt = z.iso
  .datetime({ offset: true })
  .describe('In the future, at most 366 days ahead')
  .transform((value) => new Date(value))
  .pipe(expiryDateRule);

// Request bodies are strict: an unknown field (a typo, or `expiresAt` on PATCH) is a 400, not silently ignored.
export const CreateApiAccessBody = z
  .strictObject({
    name: accessNameSchema,
    description: accessDescriptionSchema.optional(),
    tags: tagsSchema.optional(),
    roles: apiAccessRoleIdsSchema.optional().describe('Role ids; needs getRole'),
    expiresAt,
  })
  .meta({ id: 'CreateApiAccess' });

export const UpdateApiAccessBody = z
  .strictObject({
    name: accessNameSchema.optional(),
    description: accessDescriptionSchema.optional(),
    tags: tagsSchema.optional(),
    roles: apiAccessRoleIdsSchema.optional(),
  })
  .meta({ id: 'UpdateApiAccess' });

export const RegenerateBody = z.strictObject({ expiresAt }).meta({ id: 'RegenerateApiAccess' });

export const BulkDeleteBody = z.strictObject({ ids: z.array(z.string()).min(1).max(500) }).meta({ id: 'BulkDeleteApiAccess' });
export const BulkDeleteResultSchema = z.strictObject({ deleted: z.number().int() }).meta({ id: 'BulkDeleteResult' });

export const CreateRoleBody = z
  .strictObject({ name: roleNameSchema, description: descriptionSchema.optional(), grants: grantsSchema })
  .meta({ id: 'CreateRole' });
export const UpdateRoleBody = z
  .strictObject({ name: roleNameSchema.optional(), description: descriptionSchema.optional(), grants: grantsSchema.optional() })
  .meta({ id: 'UpdateRole' });

export const ListQuery = z.object({
  status: z.enum(['Active', 'Expired']).optional(),
  role: z.string().optional().describe('Role id or name'),
  tag: z.string().optional(),
  q: z.string().optional().describe('Part of the Access Name, any case'),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('1–100, default 25'),
});

export { permissionSchema };
