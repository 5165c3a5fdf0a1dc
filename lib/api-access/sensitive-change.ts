import 'server-only';
import { db } from '@/db/client';
import { findApiAccess } from './rows';
import { rolesAdded } from './rules';

/** Whether an edit adds a role the key does not hold yet, decided from the key as stored. */
export async function keyChangeAddsRoles(change: { id: string; roles?: string[] }) {
  if (!change.roles?.length) return false;
  const stored = await findApiAccess(db, change.id);
  return !!stored && rolesAdded(stored, change.roles).length > 0;
}
