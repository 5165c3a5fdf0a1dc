import { ERRORS, type Failure } from '@/lib/errors';

/** An RFC 9457 problem document for a failure, with per-field errors for validation. */
export function problem(failure: Pick<Failure, 'code' | 'message' | 'fieldErrors' | 'requestId' | 'retryAfter'>): Response {
  const { status, headers, body } = problemParts(failure);
  return new Response(body, { status, headers });
}

/** The status, headers and JSON text of a problem response, for Web and node:http responses alike. */
export function problemParts(failure: Pick<Failure, 'code' | 'message' | 'fieldErrors' | 'requestId' | 'retryAfter'>) {
  const { status, title, shown } = ERRORS[failure.code];
  const body = {
    type: `urn:keygate:problem:${failure.code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail: shown ? failure.message : `Something went wrong on our side. Quote request ${failure.requestId} when reporting it.`,
    ...(failure.requestId ? { instance: `urn:keygate:request:${failure.requestId}` } : {}),
    ...(failure.fieldErrors ? { errors: failure.fieldErrors } : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (status === 401) headers['www-authenticate'] = 'Bearer';
  if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
  return { status, headers, body: JSON.stringify(body) };
}
