import { apiRoute } from '@/lib/api/api-route';
import { DeliveriesQuery } from '@/lib/api/contract';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { queryParams } from '@/lib/api/query-params';
import { deliveryCursor, readDeliveryCursor, webhookDeliveryJson } from '@/lib/api/webhook-json';
import { failure, validationFailure } from '@/lib/errors';
import { listWebhookDeliveries } from '@/lib/webhooks/queries';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const query = DeliveriesQuery.safeParse(queryParams(request));
  if (!query.success) return validationFailure(query.error);
  const { cursor, limit = 50 } = query.data;
  const before = cursor ? readDeliveryCursor(cursor) : undefined;
  if (before === null) return failure('VALIDATION', 'The cursor is not one this API gave.', { cursor: ['Unknown cursor.'] });
  const result = await listWebhookDeliveries({ actor, id: params.id, before, limit });
  if (!result.ok) return result;
  const last = result.data.length === limit ? result.data.at(-1) : undefined;
  return Response.json({ data: result.data.map(webhookDeliveryJson), nextCursor: last ? deliveryCursor(last) : null });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
