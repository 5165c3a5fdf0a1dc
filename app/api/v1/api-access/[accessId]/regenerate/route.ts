import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import { apiRoute } from '@/lib/api/api-route';
import { apiAccessJson, NO_STORE } from '@/lib/api/serialize';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const POST = apiRoute<{ accessId: string }>(async ({ actor, params, body }) => {
  const result = await regenerateApiAccess.fromRequestBody(actor, { ...body, id: params.accessId });
  return result.ok ? Response.json({ ...apiAccessJson(result.data.apiAccess), token: result.data.token }, { headers: NO_STORE }) : result;
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
