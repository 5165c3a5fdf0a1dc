import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** How V8 describes the tick literal's property definitions after full collections with no tick queued. */
function tickLiteralFeedback(keep: boolean): string[] {
  // V8 prints straight to the file descriptor: into a pipe, which Node makes non-blocking, a long print can be cut short.
  const directory = mkdtempSync(join(tmpdir(), 'keygate-tick-'));
  const output = openSync(join(directory, 'stdout.txt'), 'w');
  try {
    const child = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', 'tests/support/tick-shape-probe.ts', ...(keep ? ['--keep'] : [])],
      { stdio: ['ignore', output, 'pipe'], encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.status, child.stderr).toBe(0);
    const printed = readFileSync(join(directory, 'stdout.txt'), 'utf8');
    return [...printed.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1]!);
  } finally {
    closeSync(output);
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('the tick shape a server keeps (server/keep-tick-shape.ts)', () => {
  it('without it, a full collection with no tick queued sends every later tick down V8’s slow path', () => {
    // The problem the module exists for, reproduced: if Node or V8 stops having it, this fails and the module can go.
    expect(tickLiteralFeedback(false)).toContain('MEGAMORPHIC');
  });

  it('with it, every property of every tick is still defined the fast way after those collections', () => {
    const feedback = tickLiteralFeedback(true);
    expect(feedback.length).toBeGreaterThanOrEqual(4);
    expect(feedback.every((state) => state === 'MONOMORPHIC')).toBe(true);
  });
});
