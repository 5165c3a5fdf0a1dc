import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { apiAccess } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordAudits } from '@/lib/audit/record-audit';
import { failure, success, type Result } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { announceTokenChange } from '@/lib/tokens/announce-change';
import { inTransaction } from '@/lib/transaction';
import { raiseApiAccessEvent } from '@/lib/webhooks/api-access-events';
import { toApiAccessList } from './rows';
import { isAccessId } from './access-id';
import { keyNotFound } from './not-found';
import { auditSnapshot } from './audit-snapshot';
import { checkActOnKeys } from './rules';
import { bulkDeleteApiAccessInput, deleteApiAccessInput } from './schemas';

/** Deletes all of `ids` or none: one unknown id and nothing is touched. */
async function deleteAll(tx: Tx, actor: Actor, ids: string[]): Promise<Result<{ deleted: number }>> {
  // An id of any other form names nothing, and never reaches SQL.
  const wellFormed = ids.filter(isAccessId);
  // Locked in Access ID order, the order the usage flush takes its locks in: the two wait for each other, never deadlock.
  const rows = wellFormed.length
    ? await tx.select().from(apiAccess).where(inArray(apiAccess.id, wellFormed)).orderBy(asc(apiAccess.id)).for('update')
    : [];
  const unknown = ids.filter((id) => !rows.some((row) => row.id === id));
  if (unknown.length) {
    return failure('NOT_FOUND', `No API Access has the Access ID ${unknown.join(', ')}. Nothing was deleted.`, {
      ids: unknown.map((id) => `Unknown Access ID ${id}.`),
    });
  }
  const items = await toApiAccessList(tx, rows);
  // All or nothing: one key out of reach, or stronger than the actor, and none is deleted.
  const refused = await checkActOnKeys(tx, actor, 'deleteApiAccess', items);
  if (refused) return ids.length > 1 ? { ...refused, message: `${refused.message} Nothing was deleted.` } : refused;
  await tx.delete(apiAccess).where(inArray(apiAccess.id, ids));
  announceTokenChange(tx, ids);
  await recordAudits(
    tx,
    actor,
    items.map((item) => ({
      action: 'apiAccess.delete',
      targetId: item.id,
      targetName: item.name,
      before: auditSnapshot(item),
    })),
  );
  await raiseApiAccessEvent(tx, actor, 'api_access.deleted', items);
  return success({ deleted: items.length });
}

export const deleteApiAccess = defineOperation({
  permission: 'deleteApiAccess',
  input: deleteApiAccessInput,
  async run(actor, { id }) {
    const result = await inTransaction((tx) => deleteAll(tx, actor, [id]));
    return !result.ok && result.code === 'NOT_FOUND' ? keyNotFound() : result;
  },
});

export const bulkDeleteApiAccess = defineOperation({
  permission: 'deleteApiAccess',
  input: bulkDeleteApiAccessInput,
  async run(actor, { ids }) {
    return inTransaction((tx) => deleteAll(tx, actor, ids));
  },
});
