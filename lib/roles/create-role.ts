import 'server-only';
import { roles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { inTransaction } from '@/lib/transaction';
import { toRole } from './queries';
import { checkGrantsHeld } from '@/lib/auth/escalation';
import { checkGrantPatterns } from './grant-patterns';
import { duplicateRoleName } from './role-rules';
import { createRoleInput } from './schemas';
import { roleSnapshot } from './audit-snapshot';

export const createRole = defineOperation({
  permission: 'createRole',
  input: createRoleInput,
  async run(actor, input) {
    const notHeld = checkGrantsHeld(actor, input.grants);
    if (notHeld) return notHeld;
    const badPattern = await checkGrantPatterns(input.grants);
    if (badPattern) return badPattern;
    return inTransaction(
      async (tx) => {
        const [row] = await tx.insert(roles).values(input).returning();
        const role = toRole(row!);
        await recordAudit(tx, actor, {
          action: 'role.create',
          targetId: role.id,
          targetName: role.name,
          after: roleSnapshot(role),
        });
        return success(role);
      },
      { uniqueViolation: duplicateRoleName(input.name) },
    );
  },
});
