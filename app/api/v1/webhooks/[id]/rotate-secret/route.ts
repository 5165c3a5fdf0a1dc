import { apiRoute } from '@/lib/api/api-route';
import { NO_STORE } from '@/lib/api/serialize';
import { webhookJson } from '@/lib/api/webhook-json';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';

export const POST = apiRoute<{ id: string }>(
  async ({ actor, params, body }) => {
    const result = await rotateWebhookSecret.fromRequestBody(actor, { ...body, id: params.id });
    return result.ok ? Response.json({ ...webhookJson(result.data.webhook), secret: result.data.secret }, { headers: NO_STORE }) : result;
  },
  { optionalBody: true },
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
