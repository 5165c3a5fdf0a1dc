import Link from 'next/link';
import { ApiAccessDetails } from '@/components/api-access/api-access-details';
import { DetailActions } from '@/components/api-access/detail-actions';
import { Refusal } from '@/components/forbidden';
import { SavedBanner } from '@/components/saved-banner';
import { getApiAccess } from '@/lib/api-access/queries';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';

/** The detail view on its own, for a URL opened directly or shared. */
export default async function ApiAccessDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ accessId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requireCurrentUser();
  const { accessId } = await params;
  const result = await getApiAccess({ actor: user, id: accessId });
  if (!result.ok) return <Refusal failure={result} />;
  const { saved } = await searchParams;
  return (
    <>
      <p>
        <Link href={paths.apiAccess.table}>← API Access</Link>
      </p>
      <h1 className="visually-hidden">API Access {result.data.name}</h1>
      <SavedBanner saved={saved} noun="API Access" />
      <ApiAccessDetails item={result.data} headingId="detail-title" actor={user} />
      <DetailActions actor={user} id={accessId} name={result.data.name} enabled={result.data.enabled} />
    </>
  );
}
