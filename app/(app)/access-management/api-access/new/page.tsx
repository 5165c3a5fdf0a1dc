import Link from 'next/link';
import { ApiAccessForm } from '@/components/api-access/api-access-form';
import { Forbidden } from '@/components/forbidden';
import { createApiAccessAction } from '@/lib/api-access/actions';
import { accessNamePatterns, authorize, hasPermission } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { listAssignableRoles } from '@/lib/roles/queries';

export default async function NewApiAccessPage() {
  const user = await requireCurrentUser();
  const denied = authorize(user, 'createApiAccess');
  if (denied) return <Forbidden message={denied.message} />;
  const roles = hasPermission(user, 'getRole') ? await listAssignableRoles({ actor: user }) : null;
  return (
    <>
      <p>
        <Link href="/access-management/api-access">← API Access</Link>
      </p>
      <h1>Create API Access</h1>
      <ApiAccessForm
        action={createApiAccessAction}
        mode="create"
        defaults={{ name: '', description: '', tags: [], roleIds: [] }}
        roles={roles && roles.map(({ id, name, description }) => ({ id, name, description }))}
        namePatterns={accessNamePatterns(user)}
      />
    </>
  );
}
