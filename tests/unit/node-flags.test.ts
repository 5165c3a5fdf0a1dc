import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../server/node-flags';

describe('the flags servers run with', () => {
  it('are the ones `npm start` passes, so the tests and the bench measure the server as it is run', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const flag of SERVER_NODE_FLAGS) expect(scripts.start).toContain(flag);
  });
});
