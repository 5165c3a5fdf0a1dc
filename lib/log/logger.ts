import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import { settings } from '@/lib/settings';

type RequestContext = { requestId: string };

/**
 * Whatever could carry a secret, wherever it sits one or two levels deep: tokens and their
 * digests, passwords, TOTP secrets, Authorization and Cookie headers. Nothing logs them on purpose;
 * this is the net under a mistake.
 */
const SECRET_KEYS = [
  'token',
  'tokenDigest',
  'token_digest',
  'digest',
  'password',
  'passwordHash',
  'password_hash',
  'totpSecret',
  'totp_secret',
  'secret',
  'authorization',
  'cookie',
];
export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'parameters',
  '*.parameters',
];

type Logging = { logger: Logger; context: AsyncLocalStorage<RequestContext> };

// One per process: the custom server and Next's bundle load this module separately.
const globalForLog = globalThis as typeof globalThis & { __keygateLog?: Logging };

/** A logger as Keygate's, writing to `destination` (stdout by default). */
export function createLogger(level: string, context: AsyncLocalStorage<RequestContext>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // The request id of whatever request this line is written for (server/start.ts runs Next's handler inside it).
    mixin: () => {
      const store = context.getStore();
      return store ? { requestId: store.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

function createLogging(): Logging {
  const context = new AsyncLocalStorage<RequestContext>();
  return { logger: createLogger(settings().LOG_LEVEL, context), context };
}

const logging = () => (globalForLog.__keygateLog ??= createLogging());

/** The process's logger: one JSON object per line on stdout, at LOG_LEVEL. */
export const log = (): Logger => logging().logger;

/** Runs `work` as part of the request with this id: its log lines carry the id. */
export const withRequestId = <T>(requestId: string, work: () => T): T => logging().context.run({ requestId }, work);

/** The id of the request being served, if any. */
export const currentRequestId = (): string | undefined => logging().context.getStore()?.requestId;
