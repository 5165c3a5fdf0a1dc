import Link from 'next/link';
import { Forbidden } from '@/components/forbidden';
import { GrantList } from '@/components/roles/grant-list';
import { SavedBanner } from '@/components/saved-banner';
import { ScrollTable } from '@/components/scroll-table';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { hasPermission } from '@/lib/auth/authorize';
import { listRoles } from '@/lib/roles/queries';
import { paths } from '@/lib/paths';

export default async function RolesPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireCurrentUser();
  const result = await listRoles({ actor: user });
  if (!result.ok) return <Forbidden message={result.message} />;
  const { saved } = await searchParams;
  return (
    <>
      <div className="page-header">
        <h1>Roles</h1>
        {hasPermission(user, 'createRole') && (
          <Link href={paths.roles.create} className="button primary">
            Create role
          </Link>
        )}
      </div>
      <SavedBanner saved={saved} noun="Role" />
      <ScrollTable label="Roles table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Permissions</th>
            <th scope="col">Users</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((role) => (
            <tr key={role.id}>
              <td>
                <Link href={paths.roles.detail(role.id)}>{role.name}</Link>
                {role.predefined && <span className="badge">Predefined</span>}
              </td>
              <td>{role.description}</td>
              <td>
                <GrantList grants={role.grants} className="inline-list" />
              </td>
              <td>{role.userCount}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
