import { settings } from '@/lib/settings';

/**
 * How every Keygate server process runs Node (`npm start` passes the same flags; a unit test
 * checks they agree). Without a ceiling, V8 sizes its old space from the machine's memory (4 GB
 * here) and collects lazily: under load a server's RSS passed 600 MB, nearly all garbage. With
 * 224 MB of old space and a 32 MB young generation it stays near 350 MB, at 5–15 % less
 * throughput when the machine is saturated (docs/operations.md, "Heap ceiling").
 * `KEYGATE_HEAP_MB` raises or lowers the ceiling; an explicit ceiling also replaces Node's own
 * sizing from a container's memory limit, so set it to the container's budget there.
 */
export const DEFAULT_HEAP_MB = 224;
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=32';

export const serverNodeFlags = (heapMb: string | number = settings().KEYGATE_HEAP_MB) => [
  `--max-old-space-size=${heapMb}`,
  YOUNG_GENERATION_FLAG,
];
