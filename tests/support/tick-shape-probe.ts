/**
 * Run by tests/unit/keep-tick-shape.test.ts in a child Node with --allow-natives-syntax and
 * --expose-gc: queues ticks, runs full collections while none is queued, queues more, then prints
 * `process.nextTick` with V8's feedback for it, where the tick literal's property definitions show.
 */
if (process.argv.includes('--keep')) await import('../../server/keep-tick-shape');

const tick = () => new Promise<void>((resolve) => process.nextTick(resolve));
for (let i = 0; i < 20; i++) await tick();
for (let i = 0; i < 3; i++) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  (globalThis as unknown as { gc: () => void }).gc();
}
for (let i = 0; i < 20; i++) await tick();

// %DebugPrint writes the function, with its feedback vector, to stdout.
new Function('f', '%DebugPrint(f)')(process.nextTick);
process.exit(0);

export {};
