import { log } from '@/lib/log/logger';

/** Stops cleanly once on SIGINT or SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>) {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((err) => log().error({ err }, 'Stopping failed'))
      .finally(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Next installs handlers that exit at once; ours must finish closing the database first.
    process.removeAllListeners(signal);
    process.on(signal, handler);
  }
}
