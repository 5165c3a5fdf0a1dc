import { Forbidden, Refusal } from '@/components/forbidden';
import { WebhookForm } from '@/components/webhooks/webhook-form';
import { authorize } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { updateWebhookAction } from '@/lib/webhooks/actions';
import { getWebhook } from '@/lib/webhooks/queries';

export default async function EditWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireCurrentUser();
  const denied = authorize(user, 'updateWebhook');
  if (denied) return <Forbidden message={denied.message} />;
  const result = await getWebhook({ actor: user, id: (await params).id });
  if (!result.ok) return <Refusal failure={result} />;
  return (
    <>
      <h1>Edit endpoint</h1>
      <WebhookForm action={updateWebhookAction} webhook={result.data} submitLabel="Save" />
    </>
  );
}
