import { apiRoute } from '@/lib/api/api-route';
import { roleJson } from '@/lib/api/serialize';
import { deleteRole } from '@/lib/roles/delete-role';
import { getRole } from '@/lib/roles/queries';
import { updateRole } from '@/lib/roles/update-role';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const result = await getRole({ actor, id: params.id });
  return result.ok ? Response.json(roleJson(result.data)) : result;
});

export const PATCH = apiRoute<Params>(async ({ actor, params, body }) => {
  const result = await updateRole.fromRequestBody(actor, { ...body, id: params.id });
  return result.ok ? Response.json(roleJson(result.data)) : result;
});

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  const result = await deleteRole(actor, { id: params.id });
  return result.ok ? new Response(null, { status: 204 }) : result;
});

export const { POST, PUT } = methodsNotAllowed('GET', 'PATCH', 'DELETE');
