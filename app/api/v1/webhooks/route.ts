import { apiRoute } from '@/lib/api/api-route';
import { NO_STORE } from '@/lib/api/serialize';
import { webhookJson } from '@/lib/api/webhook-json';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { listWebhooks } from '@/lib/webhooks/queries';

export const GET = apiRoute(async ({ actor }) => {
  const result = await listWebhooks({ actor });
  return result.ok ? Response.json({ data: result.data.map(webhookJson) }) : result;
});

export const POST = apiRoute(async ({ actor, body }) => {
  const result = await createWebhook.fromRequestBody(actor, body);
  return result.ok
    ? Response.json({ ...webhookJson(result.data.webhook), secret: result.data.secret }, { status: 201, headers: NO_STORE })
    : result;
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET', 'POST');
