import { apiRoute } from '@/lib/api/api-route';
import { webhookJson } from '@/lib/api/webhook-json';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { deleteWebhook } from '@/lib/webhooks/delete-webhook';
import { getWebhook } from '@/lib/webhooks/queries';
import { updateWebhook } from '@/lib/webhooks/update-webhook';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const result = await getWebhook({ actor, id: params.id });
  return result.ok ? Response.json(webhookJson(result.data)) : result;
});

export const PATCH = apiRoute<Params>(async ({ actor, params, body }) => {
  const result = await updateWebhook.fromRequestBody(actor, { ...body, id: params.id });
  return result.ok ? Response.json(webhookJson(result.data)) : result;
});

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  const result = await deleteWebhook(actor, { id: params.id });
  return result.ok ? new Response(null, { status: 204 }) : result;
});

export const { POST, PUT } = methodsNotAllowed('GET', 'PATCH', 'DELETE');
