import Link from 'next/link';
import { ConfirmAction } from '@/components/confirm-action';
import { Refusal } from '@/components/forbidden';
import { SavedBanner } from '@/components/saved-banner';
import { WhenExactly } from '@/components/when';
import { ActionButton } from '@/components/webhooks/action-button';
import { DeliveryList } from '@/components/webhooks/delivery-list';
import { RotateSecret } from '@/components/webhooks/rotate-secret';
import { hasPermission } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { paths } from '@/lib/paths';
import {
  deleteWebhookAction,
  resendDeliveryAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  setWebhookEnabledAction,
} from '@/lib/webhooks/actions';
import { getWebhook, listWebhookDeliveries } from '@/lib/webhooks/queries';

export default async function WebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requireCurrentUser();
  const { id } = await params;
  const result = await getWebhook({ actor: user, id });
  if (!result.ok) return <Refusal failure={result} />;
  const webhook = result.data;
  const deliveries = await listWebhookDeliveries({ actor: user, id });
  const canUpdate = hasPermission(user, 'updateWebhook');
  const { saved } = await searchParams;
  return (
    <>
      <p>
        <Link href={paths.webhooks.list}>← Webhooks</Link>
      </p>
      <h1>{webhook.url}</h1>
      <SavedBanner saved={saved} noun="Endpoint" />
      {!webhook.enabled && webhook.disabledReason && (
        <p role="status" className="banner banner-warning">
          Keygate disabled this endpoint: {webhook.disabledReason} Enable it once the receiver is back.
        </p>
      )}
      <dl className="details">
        <dt>Status</dt>
        <dd>{webhook.enabled ? 'Enabled' : 'Disabled'}</dd>
        <dt>Description</dt>
        <dd>{webhook.description || <span className="muted">None</span>}</dd>
        <dt>Events</dt>
        <dd>{webhook.events.join(', ')}</dd>
        <dt>Created</dt>
        <dd>
          <WhenExactly at={webhook.createdAt} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <WhenExactly at={webhook.updatedAt} />
        </dd>
      </dl>
      <div className="actions">
        {canUpdate && (
          <>
            <Link className="button" href={paths.webhooks.edit(id)}>
              Edit
            </Link>
            {webhook.enabled && <ActionButton action={sendTestEventAction} fields={{ id }} label="Send test event" />}
            <ConfirmAction
              reversible
              action={setWebhookEnabledAction}
              fields={{ id, enabled: String(!webhook.enabled) }}
              label={webhook.enabled ? 'Disable' : 'Enable'}
              title={webhook.enabled ? 'Disable this endpoint?' : 'Enable this endpoint?'}
              body={
                webhook.enabled
                  ? 'No events are queued for it while it is disabled; deliveries already queued wait until it is enabled again.'
                  : 'Events are queued for it again from now on, and waiting deliveries are sent.'
              }
              confirmLabel={webhook.enabled ? 'Disable' : 'Enable'}
            />
            <RotateSecret id={id} action={rotateWebhookSecretAction} />
          </>
        )}
        {hasPermission(user, 'deleteWebhook') && (
          <ConfirmAction
            action={deleteWebhookAction}
            fields={{ id }}
            label="Delete"
            title="Delete this endpoint?"
            body="It is deleted with its deliveries; nothing more is sent to it. This cannot be undone."
            confirmLabel="Delete endpoint"
          />
        )}
      </div>
      <h2>Deliveries</h2>
      {deliveries.ok && <DeliveryList endpointId={id} deliveries={deliveries.data} resend={canUpdate ? resendDeliveryAction : undefined} />}
    </>
  );
}
