import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrivateDir, readOrCreatePrivateFile, writePrivateFile } from '@/lib/private-files';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

let root: string;
let umask: number;
beforeAll(() => {
  // A server's usual umask: what mkdir and open would leave group- and world-readable.
  umask = process.umask(0o022);
  root = mkdtempSync(path.join(tmpdir(), 'keygate-private-'));
});
afterAll(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

describe('private local state', () => {
  it('narrows a directory that already exists as 0755 to 0700, and makes a missing one 0700', async () => {
    const existing = path.join(root, 'existing');
    mkdirSync(existing, { mode: 0o755 });
    chmodSync(existing, 0o755);
    await ensurePrivateDir(existing);
    expect(modeOf(existing)).toBe('700');

    const nested = path.join(root, 'new-parent', 'new-child');
    await ensurePrivateDir(nested);
    expect(modeOf(nested)).toBe('700');
  });

  it('writes files as 0600, narrowing one that was 0644 before its new content goes in', async () => {
    const file = path.join(root, 'old-email.txt');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    await writePrivateFile(file, 'new');
    expect([modeOf(file), readFileSync(file, 'utf8')]).toEqual(['600', 'new']);

    const fresh = path.join(root, 'fresh.txt');
    await writePrivateFile(fresh, 'content');
    expect(modeOf(fresh)).toBe('600');
  });

  it('keeps a generated secret once, and narrows a secret file found readable by others', async () => {
    const secret = path.join(root, 'secret');
    expect(await readOrCreatePrivateFile(secret, () => 'first\n')).toBe('first');
    expect(await readOrCreatePrivateFile(secret, () => 'second')).toBe('first');
    chmodSync(secret, 0o644);
    await readOrCreatePrivateFile(secret, () => 'third');
    expect(modeOf(secret)).toBe('600');
  });
});
