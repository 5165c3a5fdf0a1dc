import type { Grant } from './permissions';

/** Whoever is asking: a signed-in user or, through the REST API, an API Access. */
export type Actor = {
  kind: 'user' | 'apiAccess';
  id: string;
  name: string;
  grants: Grant[];
  /** Client IP of the request, recorded in the audit log. */
  ip: string | null;
  /** The request's User-Agent, recorded in the audit log. */
  userAgent?: string | null;
  /** The request's X-Request-Id (server/start.ts sets it on every request), recorded in the audit log. */
  requestId?: string | null;
};
