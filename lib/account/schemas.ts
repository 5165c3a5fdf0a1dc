import { z } from 'zod';
import { passwordSchema } from '@/lib/users/schemas';

export const changeOwnPasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password.').max(256),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords are not the same.',
  });

export const signOutEverywhereInput = z.strictObject({ password: z.string().min(1, 'Enter your password.').max(256) });
