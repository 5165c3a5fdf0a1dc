import { CreateApiAccessForm } from '@/components/api-access/create-api-access-form';
import { DetailPanel } from '@/components/api-access/detail-panel';
import { requireCurrentUser } from '@/lib/auth/current-actor';

/** Opened from the table (client-side navigation): the create form, as a panel over the table. */
export default async function CreateApiAccessPanel() {
  const user = await requireCurrentUser();
  return (
    <DetailPanel title="Create API Access">
      <h2 className="details-title">Create API Access</h2>
      <CreateApiAccessForm actor={user} />
    </DetailPanel>
  );
}
