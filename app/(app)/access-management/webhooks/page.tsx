import Link from 'next/link';
import { Forbidden } from '@/components/forbidden';
import { SavedBanner } from '@/components/saved-banner';
import { ScrollTable } from '@/components/scroll-table';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { hasPermission } from '@/lib/auth/authorize';
import { paths } from '@/lib/paths';
import { listWebhooks } from '@/lib/webhooks/queries';

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireCurrentUser();
  const canCreate = hasPermission(user, 'createWebhook');
  const result = await listWebhooks({ actor: user });
  if (!result.ok && !canCreate) return <Forbidden message={result.message} />;
  const { saved } = await searchParams;
  return (
    <>
      <div className="page-header">
        <h1>Webhooks</h1>
        {canCreate && (
          <Link href={paths.webhooks.create} className="button primary">
            Create endpoint
          </Link>
        )}
      </div>
      <p className="muted">Keygate POSTs a signed event to each endpoint when an API Access changes, expires or leaks.</p>
      <SavedBanner saved={saved} noun="Endpoint" />
      {result.ok &&
        (result.data.length === 0 ? (
          <p className="empty">No endpoints yet.</p>
        ) : (
          <ScrollTable label="Webhook endpoints">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Description</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((webhook) => (
                <tr key={webhook.id}>
                  <td>
                    <Link href={paths.webhooks.detail(webhook.id)}>{webhook.url}</Link>
                  </td>
                  <td>{webhook.description}</td>
                  <td>{webhook.events.join(', ')}</td>
                  <td>{webhook.enabled ? 'Enabled' : <span className="badge badge-muted">Disabled</span>}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ))}
    </>
  );
}
