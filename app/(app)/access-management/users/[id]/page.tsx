import { ConfirmAction } from '@/components/confirm-action';
import { Refusal } from '@/components/forbidden';
import { UserForm } from '@/components/users/user-form';
import { hasPermission } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { listAssignableRoles } from '@/lib/roles/queries';
import { deleteUserAction, updateUserAction } from '@/lib/users/actions';
import { getUser } from '@/lib/users/queries';
import { dataOr } from '@/lib/errors';
import { resetTwoFactorAction } from '@/lib/two-factor/actions';

export default async function UserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const actor = await requireCurrentUser();
  const { id } = await params;
  const result = await getUser({ actor, id });
  if (!result.ok) return <Refusal failure={result} />;
  const user = result.data;
  const isSelf = actor.id === user.id;
  const roles = dataOr(await listAssignableRoles({ actor }), null);
  const { saved } = await searchParams;
  return (
    <>
      <div className="page-header">
        <h1>{user.name}</h1>
        {hasPermission(actor, 'updateUser') && !isSelf && user.twoFactor && (
          <ConfirmAction
            action={resetTwoFactorAction}
            fields={{ id: user.id }}
            label="Reset two-factor"
            title={`Reset ${user.name}’s two-factor authentication?`}
            body={`${user.email} will sign in with the password alone until they set up an authenticator app again. Their recovery codes stop working.`}
            confirmLabel="Reset two-factor"
          />
        )}
        {hasPermission(actor, 'deleteUser') && !isSelf && (
          <ConfirmAction
            action={deleteUserAction}
            fields={{ id: user.id }}
            label="Delete user"
            title={`Delete ${user.name}?`}
            body={`${user.email} will no longer be able to sign in. This cannot be undone.`}
            confirmLabel="Delete"
          />
        )}
      </div>
      {saved === 'two-factor-reset' && (
        <div role="status" className="banner banner-success">
          Two-factor authentication reset: {user.email} signs in with the password alone until they set it up again.
        </div>
      )}
      <p>
        Two-factor authentication: <strong>{user.twoFactor ? 'On' : 'Off'}</strong>
      </p>
      {hasPermission(actor, 'updateUser') ? (
        <UserForm
          action={updateUserAction}
          user={{ ...user, roleIds: user.roles.map((role) => role.id) }}
          assignableRoles={roles}
          submitLabel="Save user"
          canEditSelfStatus={!isSelf}
        />
      ) : (
        <dl className="details">
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Status</dt>
          <dd>{user.disabled ? 'Disabled' : 'Active'}</dd>
        </dl>
      )}
    </>
  );
}
