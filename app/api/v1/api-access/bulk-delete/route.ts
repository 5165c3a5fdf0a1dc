import { bulkDeleteApiAccess } from '@/lib/api-access/delete-api-access';
import { apiRoute } from '@/lib/api/api-route';
import { BulkDeleteBody } from '@/lib/api/contract';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const POST = apiRoute(
  async ({ actor, body }) => {
    const result = await bulkDeleteApiAccess(actor, { ids: body.ids });
    return result.ok ? Response.json({ deleted: result.data.deleted }) : result;
  },
  { body: BulkDeleteBody },
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
