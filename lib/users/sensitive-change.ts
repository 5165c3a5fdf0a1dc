import 'server-only';
import { db } from '@/db/client';
import { findUser } from './queries';
import { isUserId } from './schemas';

/**
 * Whether a change to a user needs the actor's recent sign-in, decided from the user as stored:
 * a new password, different roles, or disabling. An unknown user needs nothing (the operation
 * answers NOT_FOUND).
 */
export async function userChangeNeedsRecentSignIn(change: { id: string; roles?: string[]; disabled?: boolean; password?: string }) {
  if (change.password !== undefined) return true;
  if (!isUserId(change.id)) return false;
  const stored = await findUser(db, change.id);
  if (!stored) return false;
  if (change.disabled && !stored.disabled) return true;
  if (!change.roles) return false;
  const storedRoles = new Set(stored.roles.map((role) => role.id));
  return change.roles.length !== storedRoles.size || change.roles.some((id) => !storedRoles.has(id));
}
