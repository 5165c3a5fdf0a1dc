import { apiRoute } from '@/lib/api/api-route';
import { AuditLogQuery } from '@/lib/api/contract';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { queryParams } from '@/lib/api/query-params';
import { auditEntryJson } from '@/lib/api/serialize';
import { listAuditLog } from '@/lib/audit/queries';
import { validationFailure } from '@/lib/errors';

export const GET = apiRoute(async ({ actor, request }) => {
  const query = AuditLogQuery.safeParse(queryParams(request));
  if (!query.success) return validationFailure(query.error);
  const { cursor, limit, ...filters } = query.data;
  const result = await listAuditLog({ actor, filters, before: cursor, pageSize: limit ?? 50 });
  if (!result.ok) return result;
  return Response.json({ data: result.data.entries.map(auditEntryJson), nextCursor: result.data.nextBefore });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
