/**
 * How every Keygate server process runs Node (`npm start` passes the same flags; a unit test
 * checks they agree). Without a limit, V8 sizes its heap from the machine's memory (4 GB here)
 * and collects lazily, so a busy server's RSS grows past 600 MB of garbage; with 256 MB of old
 * space it stays near 330 MB through `npm run bench` at the same speed. A container with a
 * memory limit gets a heap sized to it by Node anyway; this sets the ceiling everywhere else.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256'] as const;
