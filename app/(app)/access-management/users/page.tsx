import Link from 'next/link';
import { Forbidden } from '@/components/forbidden';
import { SavedBanner } from '@/components/saved-banner';
import { ScrollTable } from '@/components/scroll-table';
import { hasPermission } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { listUsers } from '@/lib/users/queries';
import { paths } from '@/lib/paths';

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireCurrentUser();
  const result = await listUsers({ actor: user });
  if (!result.ok) return <Forbidden message={result.message} />;
  const { saved } = await searchParams;
  // Role names are role data: shown only to those who may see roles.
  const showRoles = hasPermission(user, 'getRole');
  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        {hasPermission(user, 'createUser') && (
          <Link href={paths.users.create} className="button primary">
            Create user
          </Link>
        )}
      </div>
      <SavedBanner saved={saved} noun="User" />
      <ScrollTable label="Users table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            {showRoles && <th scope="col">Roles</th>}
            <th scope="col">Status</th>
            <th scope="col">Two-factor</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((row) => (
            <tr key={row.id}>
              <td>
                <Link href={paths.users.detail(row.id)}>{row.name}</Link>
              </td>
              <td>{row.email}</td>
              {showRoles && <td>{row.roles.map((role) => role.name).join(', ')}</td>}
              <td>{row.disabled ? <span className="badge badge-muted">Disabled</span> : 'Active'}</td>
              <td>{row.twoFactor ? 'On' : <span className="muted">Off</span>}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
