import Link from 'next/link';
import { ApiAccessForm } from '@/components/api-access/api-access-form';
import { Refusal } from '@/components/forbidden';
import { updateApiAccessAction } from '@/lib/api-access/actions';
import { getApiAccess } from '@/lib/api-access/queries';
import { accessNamePatterns } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { listAssignableRoles } from '@/lib/roles/queries';
import { paths } from '@/lib/paths';
import { dataOr } from '@/lib/errors';

export default async function EditApiAccessPage({ params }: { params: Promise<{ accessId: string }> }) {
  const user = await requireCurrentUser();
  const { accessId } = await params;
  const result = await getApiAccess({ actor: user, id: accessId, alsoNeeds: 'updateApiAccess' });
  if (!result.ok) return <Refusal failure={result} />;
  const item = result.data;
  const assignable = dataOr(await listAssignableRoles({ actor: user }), null);
  // Roles the key already has stay listed (and checked) even when the editor could not assign them anew.
  const roles = assignable && [
    ...assignable,
    ...item.roles.filter((role) => !assignable.some((a) => a.id === role.id)).map((role) => ({ ...role, description: '' })),
  ];
  return (
    <>
      <p>
        <Link href={paths.apiAccess.table}>← API Access</Link>
      </p>
      <h1>Edit {item.name}</h1>
      <ApiAccessForm
        action={updateApiAccessAction}
        mode="edit"
        defaults={{
          id: item.id,
          name: item.name,
          description: item.description,
          tags: item.tags,
          roleIds: item.roles.map((role) => role.id),
          allowedIps: item.allowedIps,
          rateLimit: item.rateLimit,
        }}
        roles={roles && roles.map(({ id, name, description }) => ({ id, name, description }))}
        namePatterns={accessNamePatterns(user)}
      />
    </>
  );
}
