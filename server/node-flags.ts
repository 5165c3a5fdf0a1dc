import { settings } from '@/lib/settings';

/**
 * How every Keygate server process runs Node (`npm start` passes the same flags; a unit test
 * checks they agree). Without a ceiling, V8 sizes its old space from the machine's memory (4 GB
 * here) and collects lazily: under load a server's RSS passed 600 MB, nearly all garbage. With
 * 224 MB of old space it stays under 400 MB, at 5–15 % less throughput when the machine is
 * saturated (docs/operations.md, "Heap ceiling"). 16 MB semi-spaces, not 32: with 32, once Next's
 * code and full token caches filled the old generation to about 150 MB, V8 ran 5–7 full
 * collections a second instead of young ones and verification fell 3–5× (the room it keeps for a
 * young generation's survivors is taken from the same 224 MB).
 * `KEYGATE_HEAP_MB` raises or lowers the ceiling; an explicit ceiling also replaces Node's own
 * sizing from a container's memory limit, so set it to the container's budget there.
 */
export const DEFAULT_HEAP_MB = 224;
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=16';

export const serverNodeFlags = (heapMb: string | number = settings().KEYGATE_HEAP_MB) => [
  `--max-old-space-size=${heapMb}`,
  YOUNG_GENERATION_FLAG,
];
