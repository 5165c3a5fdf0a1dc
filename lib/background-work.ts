import { log } from '@/lib/log/logger';

// On globalThis: Next's bundle and the custom server each load this module, and shutdown must see both's work.
const globalForWork = globalThis as typeof globalThis & { __keygateBackgroundWork?: Set<Promise<void>> };
const inFlight = () => (globalForWork.__keygateBackgroundWork ??= new Set());

/**
 * Starts work nobody waits for (an email sent at once after a commit), logging its failure (a
 * synchronous throw included), and remembers it until it settles: shutdown and a test file's end
 * let it finish before the database pool closes, rather than have it open a fresh pool after.
 */
export function runInBackground(work: () => Promise<unknown>, failure: { message: string; context?: Record<string, unknown> }): void {
  const running: Promise<void> = Promise.resolve()
    .then(work)
    .then(
      () => {},
      (err: unknown) => log().error({ err, ...failure.context }, failure.message),
    );
  inFlight().add(running);
  void running.finally(() => inFlight().delete(running));
}

/**
 * Waits for the background work started so far, and for any it starts in turn, for at most
 * `withinMs`; says whether all of it settled.
 */
export async function settleBackgroundWork(withinMs = Number.POSITIVE_INFINITY): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    if (Number.isFinite(withinMs)) timer = setTimeout(() => resolve(false), withinMs);
  });
  const settled = (async () => {
    while (inFlight().size > 0) await Promise.all(inFlight());
    return true as const;
  })();
  try {
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
