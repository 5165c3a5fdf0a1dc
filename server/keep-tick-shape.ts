import { executionAsyncResource } from 'node:async_hooks';

/**
 * Holds one of `process.nextTick`'s queued ticks for the life of the process, so that V8 never
 * forgets the shape every tick is built with.
 *
 * Why: Node builds each tick as an object literal with computed symbol keys, and V8 remembers how
 * such a literal adds its properties only as "one shape" or "any shape", never a few. A shape is
 * kept alive by the objects that have it; a full garbage collection that runs while no tick is
 * queued lets it die. The next tick then builds a new one, V8 marks the literal "any shape", and
 * from then on every tick (Node's streams queue about six per request) goes through V8's runtime
 * for each property, and the lookups that read ticks back go megamorphic. A full instance meets
 * exactly that at start: Next loads its bundles, with several full collections and no tick in
 * flight. Measured on the fast path: 9 % of a verification's CPU went there, none once a tick is
 * held (docs/benchmarks.md, "Verification throughput").
 *
 * Inside a tick's callback, `executionAsyncResource()` is that tick. It must be taken before the
 * first full collection, so this module is the first thing `server/main.ts` imports.
 * tests/unit/keep-tick-shape.test.ts shows both the problem and that this ends it.
 */
const held: object[] = [];

process.nextTick(() => {
  held.push(executionAsyncResource());
});
