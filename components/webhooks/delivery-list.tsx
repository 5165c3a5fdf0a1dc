import type { FormState } from '@/lib/forms/form-state';
import type { WebhookDelivery } from '@/lib/webhooks/types';
import { When } from '@/components/when';
import { ActionButton } from './action-button';

const STATUS_LABELS = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' } as const;

/** The endpoint's latest deliveries, each opening onto its attempts and the body sent. */
export function DeliveryList({
  endpointId,
  deliveries,
  resend,
}: {
  endpointId: string;
  deliveries: WebhookDelivery[];
  resend?: (state: FormState, form: FormData) => Promise<FormState>;
}) {
  if (deliveries.length === 0) return <p className="empty">No deliveries yet. Send a test event to see one.</p>;
  return (
    <ul className="stack delivery-list" aria-label="Deliveries">
      {deliveries.map((delivery) => (
        <li key={delivery.id}>
          <details>
            <summary>
              <code>{delivery.eventType}</code> — {STATUS_LABELS[delivery.status]} — <When at={delivery.createdAt} />
              {delivery.attempts.length > 0 && (
                <span className="muted">
                  {' '}
                  ({delivery.attempts.length} attempt{delivery.attempts.length === 1 ? '' : 's'})
                </span>
              )}
            </summary>
            <p>
              <span className="muted">webhook-id</span> <code>{delivery.webhookId}</code>
              {delivery.nextAttemptAt && (
                <>
                  {' '}
                  · next try <When at={delivery.nextAttemptAt} />
                </>
              )}
            </p>
            {delivery.attempts.length > 0 && (
              <table className="table" aria-label="Attempts">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Result</th>
                    <th scope="col">Response</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {delivery.attempts.map((attempt) => (
                    <tr key={attempt.id}>
                      <td>
                        <When at={attempt.at} />
                      </td>
                      <td>{attempt.status === 'delivered' ? 'Delivered' : 'Failed'}</td>
                      <td>{attempt.responseStatus ?? '—'}</td>
                      <td>{attempt.durationMs} ms</td>
                      <td>{attempt.error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <pre className="payload">{delivery.payload}</pre>
            {resend && delivery.status !== 'pending' && (
              <ActionButton action={resend} fields={{ id: endpointId, deliveryId: delivery.id }} label="Resend" />
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}
