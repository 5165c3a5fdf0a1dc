import type { UserSummary } from './types';

/** What the audit log keeps of a user, the same for every action: never the password or its hash. */
export const userSnapshot = (user: Pick<UserSummary, 'email' | 'name' | 'disabled' | 'roles'>) => ({
  email: user.email,
  name: user.name,
  disabled: user.disabled,
  roles: user.roles.map((role) => role.name).sort(),
});
