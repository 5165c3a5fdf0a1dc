import { ERROR_STATUS, MESSAGE_SHOWN, type ErrorCode, type Failure } from '@/lib/errors';

const TITLES: Record<ErrorCode, string> = {
  VALIDATION: 'Invalid request',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  THROTTLED: 'Too many requests',
  INTERNAL: 'Internal error',
  UNAVAILABLE: 'Service unavailable',
};

/** An RFC 9457 problem document for a failure, with per-field errors for validation. */
export function problem(failure: Pick<Failure, 'code' | 'message' | 'fieldErrors' | 'requestId' | 'retryAfter'>): Response {
  const { status, headers, body } = problemParts(failure);
  return new Response(body, { status, headers });
}

/** The status, headers and JSON text of a problem response, for Web and node:http responses alike. */
export function problemParts(failure: Pick<Failure, 'code' | 'message' | 'fieldErrors' | 'requestId' | 'retryAfter'>) {
  const status = ERROR_STATUS[failure.code];
  const body = {
    type: `urn:keygate:problem:${failure.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[failure.code],
    status,
    detail: MESSAGE_SHOWN[failure.code]
      ? failure.message
      : `Something went wrong on our side. Quote request ${failure.requestId} when reporting it.`,
    ...(failure.requestId ? { instance: `urn:keygate:request:${failure.requestId}` } : {}),
    ...(failure.fieldErrors ? { errors: failure.fieldErrors } : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
  return { status, headers, body: JSON.stringify(body) };
}
