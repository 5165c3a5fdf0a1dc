import { deleteApiAccess } from '@/lib/api-access/delete-api-access';
import { getApiAccess } from '@/lib/api-access/queries';
import { updateApiAccess } from '@/lib/api-access/update-api-access';
import { apiRoute } from '@/lib/api/api-route';
import { apiAccessJson } from '@/lib/api/serialize';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

type Params = { accessId: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const result = await getApiAccess({ actor, id: params.accessId });
  return result.ok ? Response.json(apiAccessJson(result.data)) : result;
});

export const PATCH = apiRoute<Params>(async ({ actor, params, body }) => {
  const result = await updateApiAccess.fromRequestBody(actor, { ...body, id: params.accessId });
  return result.ok ? Response.json(apiAccessJson(result.data)) : result;
});

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  const result = await deleteApiAccess(actor, { id: params.accessId });
  return result.ok ? new Response(null, { status: 204 }) : result;
});

export const { POST, PUT } = methodsNotAllowed('GET', 'PATCH', 'DELETE');
