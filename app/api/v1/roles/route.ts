import { apiRoute } from '@/lib/api/api-route';
import { roleJson } from '@/lib/api/serialize';
import { createRole } from '@/lib/roles/create-role';
import { listRoles } from '@/lib/roles/queries';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const GET = apiRoute(async ({ actor }) => {
  const result = await listRoles({ actor });
  return result.ok ? Response.json({ data: result.data.map(roleJson) }) : result;
});

export const POST = apiRoute(async ({ actor, body }) => {
  const result = await createRole.fromRequestBody(actor, body);
  return result.ok ? Response.json(roleJson(result.data), { status: 201 }) : result;
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET', 'POST');
