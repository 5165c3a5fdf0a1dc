import 'server-only';
import { db } from '@/db/client';
import { isAccessId } from './access-id';
import { findApiAccess } from './rows';

/** Whether an edit adds a role the key does not hold yet, decided from the key as stored. */
export async function keyChangeAddsRoles(change: { id: string; roles?: string[] }) {
  if (!change.roles?.length || !isAccessId(change.id)) return false;
  const stored = await findApiAccess(db, change.id);
  return !!stored && change.roles.some((id) => !stored.roles.some((role) => role.id === id));
}
