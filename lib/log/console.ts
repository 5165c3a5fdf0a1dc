import { format } from 'node:util';
import { log } from './logger';

/**
 * Next and other libraries write to the console themselves ("✓ Running next.config.ts", a
 * rendering error): sent through the logger too, so stdout stays one JSON object per line, with
 * the request id when one is being served.
 */
export function routeConsoleToLogger(): void {
  const logger = log();
  const to =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error);
      if (error) logger[level]({ err: error }, format(...args.filter((arg) => arg !== error)) || error.message);
      else logger[level](format(...args));
    };
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.debug = to('debug');
}
