import { Forbidden } from '@/components/forbidden';
import { RoleForm } from '@/components/roles/role-form';
import { authorize } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { createRoleAction } from '@/lib/roles/actions';

export default async function NewRolePage() {
  const user = await requireCurrentUser();
  const denied = authorize(user, 'createRole');
  if (denied) return <Forbidden message={denied.message} />;
  return (
    <>
      <h1>Create role</h1>
      <RoleForm action={createRoleAction} role={{ name: '', description: '', grants: [] }} submitLabel="Create role" />
    </>
  );
}
