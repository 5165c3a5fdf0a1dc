import { apiRoute } from '@/lib/api/api-route';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { sendTestEvent } from '@/lib/webhooks/send-test-event';

export const POST = apiRoute<{ id: string }>(
  async ({ actor, params, body }) => {
    const result = await sendTestEvent.fromRequestBody(actor, { ...body, id: params.id });
    return result.ok ? Response.json(result.data, { status: 202 }) : result;
  },
  { optionalBody: true },
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
