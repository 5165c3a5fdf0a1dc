import Link from 'next/link';
import { RegenerateForm } from '@/components/api-access/regenerate-form';
import { Refusal } from '@/components/forbidden';
import { regenerateApiAccessAction } from '@/lib/api-access/actions';
import { getApiAccess } from '@/lib/api-access/queries';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';

export default async function RegenerateApiAccessPage({ params }: { params: Promise<{ accessId: string }> }) {
  const user = await requireCurrentUser();
  const { accessId } = await params;
  const result = await getApiAccess({ actor: user, id: accessId, alsoNeeds: 'regenerateApiAccess' });
  if (!result.ok) return <Refusal failure={result} />;
  const item = result.data;
  return (
    <>
      <p>
        <Link href={paths.apiAccess.table}>← API Access</Link>
      </p>
      <h1>Regenerate {item.name}</h1>
      <RegenerateForm action={regenerateApiAccessAction} id={item.id} name={item.name} />
    </>
  );
}
