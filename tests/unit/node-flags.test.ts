import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_MB, YOUNG_GENERATION_FLAG } from '../../server/node-flags';

describe('the flags servers run with', () => {
  it('are the ones `npm start` and `npm run start:verify` pass, so the tests and the bench measure the server as it is run', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const script of [scripts.start, scripts['start:verify']]) {
      expect(script).toContain(`--max-old-space-size=\${KEYGATE_HEAP_MB:-${DEFAULT_HEAP_MB}}`);
      expect(script).toContain(YOUNG_GENERATION_FLAG);
    }
    expect(scripts['start:verify']).toMatch(/server\/main\.ts --verify-only$/);
  });
});
