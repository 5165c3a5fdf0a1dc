import { bulkDeleteApiAccess } from '@/lib/api-access/delete-api-access';
import { apiRoute } from '@/lib/api/api-route';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const POST = apiRoute(async ({ actor, body }) => {
  const result = await bulkDeleteApiAccess.fromRequestBody(actor, body);
  return result.ok ? Response.json({ deleted: result.data.deleted }) : result;
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
