import { RATE_WINDOWS } from './form-fields';

/** "100 requests per minute", "1 request per 90 seconds": a rate limit as the detail view and the audit log say it. */
export function describeRateLimit({ limit, windowSeconds }: { limit: number; windowSeconds: number }): string {
  const requests = `${limit.toLocaleString('en')} ${limit === 1 ? 'request' : 'requests'}`;
  const named = RATE_WINDOWS.find((window) => window.seconds === windowSeconds);
  return `${requests} per ${named ? named.label : `${windowSeconds.toLocaleString('en')} seconds`}`;
}
