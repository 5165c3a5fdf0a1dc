import Link from 'next/link';
import { CreateApiAccessForm } from '@/components/api-access/create-api-access-form';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';

export default async function NewApiAccessPage() {
  const user = await requireCurrentUser();
  return (
    <>
      <p>
        <Link href={paths.apiAccess.table}>← API Access</Link>
      </p>
      <h1>Create API Access</h1>
      <CreateApiAccessForm actor={user} />
    </>
  );
}
