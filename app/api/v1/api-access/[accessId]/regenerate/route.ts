import { regenerateApiAccess } from '@/lib/api-access/regenerate-api-access';
import type { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { RegenerateBody } from '@/lib/api/contract';
import type { Actor } from '@/lib/auth/actor';
import { apiAccessJson } from '@/lib/api/serialize';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const POST = apiRoute(
  async ({ actor, params, body }: { actor: Actor; params: { accessId: string }; body: z.output<typeof RegenerateBody> }) => {
    const result = await regenerateApiAccess(actor, { expiresAt: body.expiresAt, id: params.accessId });
    return result.ok ? Response.json({ ...apiAccessJson(result.data.apiAccess), token: result.data.token }) : result;
  },
  { body: RegenerateBody },
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
