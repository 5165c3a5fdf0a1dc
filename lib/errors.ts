import type { z } from 'zod';

/**
 * One catalogue of failure codes: the HTTP status the REST API answers with, the title of its
 * problem document, and whether the failure's own message is shown to the caller. When it is not
 * (an unexpected error), the message is only logged: the caller gets a generic sentence and the
 * request id to quote.
 */
export const ERRORS = {
  VALIDATION: { status: 400, title: 'Invalid request', shown: true },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required', shown: true },
  FORBIDDEN: { status: 403, title: 'Forbidden', shown: true },
  NOT_FOUND: { status: 404, title: 'Not found', shown: true },
  CONFLICT: { status: 409, title: 'Conflict', shown: true },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large', shown: true },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', shown: true },
  THROTTLED: { status: 429, title: 'Too many requests', shown: true },
  INTERNAL: { status: 500, title: 'Internal error', shown: false },
  UNAVAILABLE: { status: 503, title: 'Service unavailable', shown: true },
} as const satisfies Record<string, { status: number; title: string; shown: boolean }>;

export type ErrorCode = keyof typeof ERRORS;
export type FieldErrors = Record<string, string[]>;

export type Failure = {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  requestId?: string;
  /** Seconds before trying again makes sense (THROTTLED): sent as Retry-After. */
  retryAfter?: number;
};
export type Success<T> = { ok: true; data: T };
export type Result<T> = Success<T> | Failure;

export const success = <T>(data: T): Success<T> => ({ ok: true, data });

/** A read's data, or `fallback` when it was refused: for pages that simply leave out what the reader may not see. */
export const dataOr = <T, F>(result: Result<T>, fallback: F): T | F => (result.ok ? result.data : fallback);

export const failure = (code: ErrorCode, message: string, fieldErrors?: FieldErrors): Failure =>
  fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };

/** A validation failure whose message also sits next to the field it concerns. */
export const fieldFailure = (field: string, message: string, code: ErrorCode = 'VALIDATION'): Failure =>
  failure(code, message, { [field]: [message] });

export function validationFailure(error: z.ZodError): Failure {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '_form';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return failure('VALIDATION', 'Some fields need attention.', fieldErrors);
}

// drizzle wraps the driver's error (and may itself be wrapped): what we look for sits on a cause.
const MAX_CAUSE_DEPTH = 4;

/** The error and its causes, outermost first, at most MAX_CAUSE_DEPTH of them. */
function* causes(error: unknown): Generator<{ code?: unknown }> {
  for (let current = error, depth = 0; current && depth < MAX_CAUSE_DEPTH; current = (current as { cause?: unknown }).cause, depth++) {
    yield current as { code?: unknown };
  }
}

/** PostgreSQL error codes the operations turn into user-facing failures. */
export function pgErrorCode(error: unknown): string | undefined {
  for (const { code } of causes(error)) if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return undefined;
}
export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === '23505';

// postgres.js's own codes for a connection that could not be made or was lost.
const CONNECTION_ERRORS = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
]);

/** The database cannot be reached (down, restarting, out of connections): a 503, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect now), 53300 (too many connections).
  for (const { code } of causes(error)) {
    if (typeof code !== 'string') continue;
    if (CONNECTION_ERRORS.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
  }
  return false;
}
export const isForeignKeyViolation = (error: unknown) => pgErrorCode(error) === '23503';
