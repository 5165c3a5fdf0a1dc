import { ApiAccessDetails } from '@/components/api-access/api-access-details';
import { DetailActions } from '@/components/api-access/detail-actions';
import { DetailPanel } from '@/components/api-access/detail-panel';
import { Refusal } from '@/components/forbidden';
import { getApiAccess } from '@/lib/api-access/queries';
import { requireCurrentUser } from '@/lib/auth/current-actor';

/** Opened from the table (client-side navigation): the detail view, as a panel over the table. */
export default async function ApiAccessPanel({ params }: { params: Promise<{ accessId: string }> }) {
  const user = await requireCurrentUser();
  const { accessId } = await params;
  const result = await getApiAccess({ actor: user, id: accessId });
  return (
    <DetailPanel title={result.ok ? result.data.name : 'API Access'}>
      {result.ok ? (
        <>
          <ApiAccessDetails item={result.data} headingId="panel-title" actor={user} />
          <DetailActions actor={user} id={accessId} name={result.data.name} enabled={result.data.enabled} />
        </>
      ) : (
        <Refusal failure={result} inline />
      )}
    </DetailPanel>
  );
}
