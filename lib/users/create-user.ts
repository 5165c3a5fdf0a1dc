import 'server-only';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { hashPassword } from '@/lib/auth/password';
import { fieldFailure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { resolveAssignableRoles } from '@/lib/roles/resolve-assignable-roles';
import { inTransaction } from '@/lib/transaction';
import { findUser } from './queries';
import { replaceUserRoles } from './user-rules';
import { createUserInput } from './schemas';
import { userSnapshot } from './audit-snapshot';

export const createUser = defineOperation({
  permission: 'createUser',
  input: createUserInput,
  async run(actor, { email, name, password, roles: roleIds }) {
    const passwordHash = await hashPassword(password);
    return inTransaction(
      async (tx) => {
        const assigned = await resolveAssignableRoles(tx, actor, roleIds);
        if (!assigned.ok) return assigned;
        const [row] = await tx.insert(users).values({ email, name, passwordHash }).returning({ id: users.id });
        await replaceUserRoles(tx, row!.id, roleIds);
        const created = (await findUser(tx, row!.id))!;
        await recordAudit(tx, actor, {
          action: 'user.create',
          targetId: created.id,
          targetName: created.email,
          after: userSnapshot(created),
        });
        return success(created);
      },
      { uniqueViolation: fieldFailure('email', `A user with the email ${email} already exists.`, 'CONFLICT') },
    );
  },
});
