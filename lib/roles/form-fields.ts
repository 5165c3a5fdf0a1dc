import type { Permission } from '@/lib/auth/permissions';

/** The role form's pattern field for a permission that takes one: shared by the form and its action. */
export const patternField = (permission: Permission) => `pattern-${permission}`;
