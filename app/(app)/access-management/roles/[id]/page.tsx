import { ConfirmAction } from '@/components/confirm-action';
import { Refusal } from '@/components/forbidden';
import { GrantList } from '@/components/roles/grant-list';
import { RoleForm } from '@/components/roles/role-form';
import { hasPermission } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { deleteRoleAction, updateRoleAction } from '@/lib/roles/actions';
import { getRole } from '@/lib/roles/queries';

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCurrentUser();
  const { id } = await params;
  const result = await getRole({ actor: user, id });
  if (!result.ok) return <Refusal failure={result} />;
  const role = result.data;
  const editable = !role.predefined && hasPermission(user, 'updateRole');
  return (
    <>
      <div className="page-header">
        <h1>{role.name}</h1>
        {!role.predefined && hasPermission(user, 'deleteRole') && (
          <ConfirmAction
            action={deleteRoleAction}
            fields={{ id: role.id }}
            label="Delete role"
            title={`Delete ${role.name}?`}
            body="The role is removed for good. Roles still assigned to someone cannot be deleted."
            confirmLabel="Delete"
          />
        )}
      </div>
      {editable ? (
        <RoleForm action={updateRoleAction} role={role} submitLabel="Save role" />
      ) : (
        <section className="stack">
          {role.predefined && <p className="muted">Predefined roles cannot be edited.</p>}
          <p>{role.description}</p>
          <h2>Permissions</h2>
          <GrantList grants={role.grants} />
        </section>
      )}
    </>
  );
}
