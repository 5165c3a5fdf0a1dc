import type { z } from 'zod';

/**
 * One catalogue of failure codes. Each maps to the HTTP status the REST API
 * answers with; the message is always safe to show to the person asking.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  THROTTLED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

/**
 * Whether a failure's own message goes to the caller. An unexpected error's message is only
 * logged: the caller gets a generic sentence and the request id to quote.
 */
export const MESSAGE_SHOWN: Record<ErrorCode, boolean> = {
  VALIDATION: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  PAYLOAD_TOO_LARGE: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  THROTTLED: true,
  INTERNAL: false,
  UNAVAILABLE: true,
};

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

/** PostgreSQL error codes the operations turn into user-facing failures. */
export function pgErrorCode(error: unknown): string | undefined {
  // drizzle wraps the driver's error; the SQLSTATE sits on the cause.
  for (let current = error, depth = 0; current && depth < 3; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
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
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect now), 53300 (too many connections).
    if (CONNECTION_ERRORS.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
  }
  return false;
}
export const isForeignKeyViolation = (error: unknown) => pgErrorCode(error) === '23503';
