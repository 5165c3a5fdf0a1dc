import Link from 'next/link';
import { CreateApiAccessForm } from '@/components/api-access/create-api-access-form';
import { requireCurrentUser } from '@/lib/auth/current-actor';

export default async function NewApiAccessPage() {
  const user = await requireCurrentUser();
  return (
    <>
      <p>
        <Link href="/access-management/api-access">← API Access</Link>
      </p>
      <h1>Create API Access</h1>
      <CreateApiAccessForm actor={user} />
    </>
  );
}
