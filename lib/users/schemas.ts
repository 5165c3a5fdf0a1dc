import { z } from 'zod';
import { visibleNameSchema } from '@/lib/text/visible-name';

/** User ids are UUIDs; any other string is simply a user that does not exist (NOT_FOUND, like keys and roles). */
export const userIdSchema = z.string().max(256);
export const isUserId = (id: string) => z.uuid().safeParse(id).success;

export const emailSchema = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'Email addresses are at most 254 characters.')
  .pipe(z.email({ message: 'Enter a valid email address.' }))
  .transform((email) => email.toLowerCase());

export const userNameSchema = visibleNameSchema({ plural: 'Names', max: 100, empty: 'Enter a name.' });

export const passwordSchema = z
  .string({ message: 'Enter a password.' })
  .min(10, 'Passwords are at least 10 characters.')
  .max(256, 'Passwords are at most 256 characters.');

export const userRoleIdsSchema = z
  .array(z.uuid({ message: 'Unknown role.' }), { message: 'Choose at least one role.' })
  .min(1, 'Choose at least one role.')
  .max(5, 'A user has at most 5 roles.')
  .refine((ids) => new Set(ids).size === ids.length, 'Each role can be chosen once.');

export const createUserInput = z.strictObject({
  email: emailSchema,
  name: userNameSchema,
  password: passwordSchema,
  roles: userRoleIdsSchema,
});

export const updateUserInput = z.strictObject({
  id: userIdSchema,
  name: userNameSchema.optional(),
  roles: userRoleIdsSchema.optional(),
  disabled: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export const deleteUserInput = z.strictObject({ id: userIdSchema });
