import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxMailer } from '@/lib/notifications/outbox-mailer';
import { prepareEnvironment } from '@/server/environment';
import { log } from '@/lib/log/logger';

// What another user on the machine could read: the mode bits of each file and directory.
const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

let root: string;
let umask: number;
const saved = { dataDir: process.env.KEYGATE_DATA_DIR, authSecret: process.env.AUTH_SECRET };
beforeEach(() => {
  // A server's usual umask: what mkdir and writeFile would leave readable by every local user.
  umask = process.umask(0o022);
  root = mkdtempSync(path.join(tmpdir(), 'keygate-state-'));
  vi.spyOn(log(), 'info').mockImplementation(() => {});
});
afterEach(() => {
  process.umask(umask);
  process.env.KEYGATE_DATA_DIR = saved.dataDir;
  process.env.AUTH_SECRET = saved.authSecret;
  if (saved.dataDir === undefined) delete process.env.KEYGATE_DATA_DIR;
  if (saved.authSecret === undefined) delete process.env.AUTH_SECRET;
  rmSync(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('Keygate’s local state is readable by the user it runs as alone', () => {
  it('writes outbox emails (recipients, key names, expiries) as 0600 files in 0700 directories it creates', async () => {
    const data = path.join(root, 'data');
    process.env.KEYGATE_DATA_DIR = data;
    const email = {
      to: 'author@example.com',
      subject: 'Your key expires',
      html: '<p>key</p>',
      text: 'key',
      idempotencyKey: 'expiry/ak_x/7',
    };
    expect(await outboxMailer().send(email)).toMatchObject({ kind: 'sent' });

    const outbox = path.join(data, 'outbox');
    expect({
      data: modeOf(data),
      outbox: modeOf(outbox),
      html: modeOf(path.join(outbox, 'expiry_ak_x_7.html')),
      text: modeOf(path.join(outbox, 'expiry_ak_x_7.txt')),
    }).toEqual({
      data: '700',
      outbox: '700',
      html: '600',
      text: '600',
    });
  });

  it('narrows a data directory left world-readable (0755) at start, and keeps the generated AUTH_SECRET as 0600', async () => {
    const data = path.join(root, 'old-data');
    mkdirSync(data);
    chmodSync(data, 0o755);
    process.env.KEYGATE_DATA_DIR = data;
    delete process.env.AUTH_SECRET;
    // DATABASE_URL is set (this file's database): nothing embedded is started.
    await (await prepareEnvironment()).stop();
    expect(process.env.AUTH_SECRET).toMatch(/^[\w-]{43}$/);
    expect([modeOf(data), modeOf(path.join(data, 'auth-secret'))]).toEqual(['700', '600']);
  });
});
