import type { Grant } from '@/lib/auth/permissions';

/** What the audit log keeps of a role, the same for every action. */
export const roleSnapshot = (role: { name: string; description: string; grants: readonly Grant[] }) => ({
  name: role.name,
  description: role.description,
  grants: role.grants,
});
