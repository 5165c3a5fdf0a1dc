import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's id is kept when it is one a log line and a CSV cell can carry as it is: 1–128 of
 * letters, digits and `. _ : -` (a UUID, a W3C trace id, an AWS or Heroku request id all fit).
 */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the incoming X-Request-Id when valid, else a new UUID. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
