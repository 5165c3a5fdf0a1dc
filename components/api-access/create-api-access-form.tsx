import { Forbidden } from '@/components/forbidden';
import { createApiAccessAction } from '@/lib/api-access/actions';
import type { Actor } from '@/lib/auth/actor';
import { accessNamePatterns, authorize } from '@/lib/auth/authorize';
import { listAssignableRoles } from '@/lib/roles/queries';
import { ApiAccessForm } from './api-access-form';
import { dataOr } from '@/lib/errors';

/** The create form with what the actor may choose; shown as a page or as a panel over the table. */
export async function CreateApiAccessForm({ actor }: { actor: Actor }) {
  const denied = authorize(actor, 'createApiAccess');
  if (denied) return <Forbidden message={denied.message} />;
  const roles = dataOr(await listAssignableRoles({ actor }), null);
  return (
    <ApiAccessForm
      action={createApiAccessAction}
      mode="create"
      defaults={{ name: '', description: '', tags: [], roleIds: [], allowedIps: [], rateLimit: null }}
      roles={roles && roles.map(({ id, name, description }) => ({ id, name, description }))}
      namePatterns={accessNamePatterns(actor)}
    />
  );
}
