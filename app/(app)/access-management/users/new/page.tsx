import { Forbidden } from '@/components/forbidden';
import { UserForm } from '@/components/users/user-form';
import { authorize } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { listAssignableRoles } from '@/lib/roles/queries';
import { createUserAction } from '@/lib/users/actions';
import { dataOr } from '@/lib/errors';

export default async function NewUserPage() {
  const user = await requireCurrentUser();
  const denied = authorize(user, 'createUser');
  if (denied) return <Forbidden message={denied.message} />;
  const roles = dataOr(await listAssignableRoles({ actor: user }), null);
  return (
    <>
      <h1>Create user</h1>
      {!roles && <p className="banner banner-error">Every user needs a role, and choosing roles needs the getRole permission.</p>}
      <UserForm
        action={createUserAction}
        user={{ email: '', name: '', disabled: false, roleIds: [] }}
        assignableRoles={roles}
        submitLabel="Create user"
      />
    </>
  );
}
