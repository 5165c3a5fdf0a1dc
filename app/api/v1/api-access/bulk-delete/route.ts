import { bulkDeleteApiAccess } from '@/lib/api-access/delete-api-access';
import { apiRoute } from '@/lib/api/api-route';

export const POST = apiRoute(async ({ actor, body }) => {
  const result = await bulkDeleteApiAccess(actor, { ids: body.ids as string[] });
  return result.ok ? Response.json({ deleted: result.data.deleted }) : result;
});
