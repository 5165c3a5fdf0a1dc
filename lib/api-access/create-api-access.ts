import 'server-only';
import { apiAccess, apiAccessRoles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { checkAccessName } from '@/lib/auth/authorize';
import { success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { resolveAssignableRoles } from '@/lib/roles/resolve-assignable-roles';
import { firstNoticeCheck } from '@/lib/notifications/windows';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';
import { inTransaction } from '@/lib/transaction';
import { raiseApiAccessEvent } from '@/lib/webhooks/api-access-events';
import { generateAccessId } from './access-id';
import { findApiAccess, rateLimitColumns } from './rows';
import { auditSnapshot } from './audit-snapshot';
import { authorOf, duplicateAccessName } from './rules';
import { createApiAccessInput } from './schemas';
import type { ApiAccessWithToken } from './types';

export const createApiAccess = defineOperation({
  permission: 'createApiAccess',
  input: createApiAccessInput,
  async run(actor, input) {
    const nameRefused = checkAccessName(actor, input.name);
    if (nameRefused) return nameRefused;
    const token = generateToken();
    return inTransaction(
      async (tx) => {
        const assigned = await resolveAssignableRoles(tx, actor, input.roles);
        if (!assigned.ok) return assigned;
        const id = generateAccessId();
        const validFrom = new Date();
        await tx.insert(apiAccess).values({
          id,
          name: input.name,
          description: input.description,
          tags: input.tags,
          tokenDigest: tokenDigest(token),
          tokenStart: tokenStart(token),
          expiresAt: input.expiresAt,
          allowedIps: input.allowedIps,
          ...rateLimitColumns(input.rateLimit),
          validFrom,
          noticeCheckAt: firstNoticeCheck(input.expiresAt, validFrom),
          createdByKind: actor.kind,
          createdById: actor.id,
          createdByName: actor.name,
          authorUserId: await authorOf(tx, actor),
        });
        if (input.roles.length) await tx.insert(apiAccessRoles).values(input.roles.map((roleId) => ({ apiAccessId: id, roleId })));
        const created = (await findApiAccess(tx, id))!;
        await recordAudit(tx, actor, {
          action: 'apiAccess.create',
          targetId: id,
          targetName: created.name,
          after: auditSnapshot(created),
        });
        await raiseApiAccessEvent(tx, actor, 'api_access.created', created);
        return success<ApiAccessWithToken>({ apiAccess: created, token });
      },
      { uniqueViolation: duplicateAccessName(input.name) },
    );
  },
});
