import { Forbidden } from '@/components/forbidden';
import { WebhookForm } from '@/components/webhooks/webhook-form';
import { authorize } from '@/lib/auth/authorize';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { createWebhookAction } from '@/lib/webhooks/actions';

export default async function NewWebhookPage() {
  const user = await requireCurrentUser();
  const denied = authorize(user, 'createWebhook');
  if (denied) return <Forbidden message={denied.message} />;
  return (
    <>
      <h1>Create endpoint</h1>
      <WebhookForm action={createWebhookAction} webhook={{ url: '', description: '', events: [] }} submitLabel="Create endpoint" />
    </>
  );
}
