import { openApiDocument } from '@/lib/api/openapi';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export function GET(): Response {
  return Response.json(openApiDocument());
}

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
