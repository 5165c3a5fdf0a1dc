import { createApiAccess } from '@/lib/api-access/create-api-access';
import { listApiAccessPage } from '@/lib/api-access/queries';
import { apiRoute } from '@/lib/api/api-route';
import { ListQuery } from '@/lib/api/contract';
import { apiAccessJson } from '@/lib/api/serialize';
import { validationFailure } from '@/lib/errors';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { queryParams } from '@/lib/api/query-params';
import { NO_STORE } from '@/lib/api/serialize';

export const GET = apiRoute(async ({ actor, request }) => {
  const query = ListQuery.safeParse(queryParams(request));
  if (!query.success) return validationFailure(query.error);
  const { cursor, limit, ...filters } = query.data;
  const result = await listApiAccessPage({ actor, filters, cursor, limit: limit ?? 25 });
  if (!result.ok) return result;
  return Response.json({ data: result.data.items.map(apiAccessJson), nextCursor: result.data.nextCursor });
});

export const POST = apiRoute(async ({ actor, body }) => {
  const result = await createApiAccess.fromRequestBody(actor, body);
  if (!result.ok) return result;
  return Response.json({ ...apiAccessJson(result.data.apiAccess), token: result.data.token }, { status: 201, headers: NO_STORE });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET', 'POST');
