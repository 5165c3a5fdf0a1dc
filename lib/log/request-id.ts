import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's id is kept when it is one a log line and a CSV cell can carry as it is: 1–128 of
 * letters, digits and `. _ : -` (a UUID, a W3C trace id, an AWS or Heroku request id all fit).
 */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const isValid = (incoming: string | string[] | null | undefined): incoming is string =>
  typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming);

/** The request's id: the incoming X-Request-Id when valid, else a new UUID (server/start.ts, for every request). */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  return isValid(incoming) ? incoming : randomUUID();
}

/**
 * The id server/start.ts gave a request, read back from its headers by Next's code (actors, the
 * error boundary). Checked again: under another server the header is whatever the client sent.
 */
export function requestIdOf(headers: Headers): string | null {
  const id = headers.get(REQUEST_ID_HEADER);
  return isValid(id) ? id : null;
}
