import { z } from 'zod';
import { visibleNameSchema } from '@/lib/text/visible-name';
import { PATTERN_PERMISSIONS, PERMISSIONS, permissionSchema, takesPattern } from '@/lib/auth/permissions';

/** Role ids are UUIDs; any other string in a URL is simply an unknown role (404, not 400). */
export const roleIdSchema = z.string().max(256);
export const isRoleId = (id: string) => z.uuid().safeParse(id).success;

// The pattern alone is not enough: some letters are invisible (U+3164 HANGUL FILLER).
export const roleNameSchema = visibleNameSchema({
  plural: 'Role names',
  max: 64,
  empty: 'Enter a role name.',
  allowed: { pattern: /^[\p{L}\p{N} _.:-]+$/u, message: 'Use letters, digits, spaces and - _ . : only.' },
});

export const descriptionSchema = z.string().trim().max(1000, 'Descriptions are at most 1,000 characters.');

const patternSchema = z
  .string()
  .trim()
  .max(500, 'Patterns are at most 500 characters.')
  .optional()
  .transform((value) => value || undefined);

export const grantSchema = z.strictObject({ permission: permissionSchema, accessNamePattern: patternSchema }).superRefine((grant, ctx) => {
  if (!grant.accessNamePattern) return;
  if (!takesPattern(grant.permission)) {
    ctx.addIssue({
      code: 'custom',
      path: ['accessNamePattern'],
      message: `Only ${PATTERN_PERMISSIONS.join(', ')} grants can carry a name pattern.`,
    });
  }
  // The pattern itself is compiled by the operation, after authorization (see checkGrantPatterns).
});

export const grantsSchema = z
  .array(grantSchema)
  .max(PERMISSIONS.length)
  .refine((grants) => new Set(grants.map((g) => g.permission)).size === grants.length, 'Each permission can be granted once.');

// Strict, like every operation input: an unknown field is refused by name.
export const createRoleInput = z.strictObject({
  name: roleNameSchema,
  description: descriptionSchema.default(''),
  grants: grantsSchema,
});
export type RoleFields = z.output<typeof createRoleInput>;

export const updateRoleInput = z.strictObject({
  id: roleIdSchema,
  name: roleNameSchema.optional(),
  description: descriptionSchema.optional(),
  grants: grantsSchema.optional(),
});

export const deleteRoleInput = z.strictObject({ id: roleIdSchema });
