import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { serverNodeFlags } from '../../server/node-flags';
import { rememberSecret, secretsIn } from './log-secrets';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type AppServer = { url: string; pid: number; output: () => string; stop: () => Promise<void> };

const AUTH_SECRET = 'http-tests-secret-http-tests-secret';

/**
 * The production build (`next build` must have run) on this test file's
 * database, as its own process on a free port of 127.0.0.1, logging everything (LOG_LEVEL=debug).
 * stop() fails when its whole output holds a token, a digest, a password or another secret
 * this test process used (tests/support/log-secrets.ts): every HTTP test file checks its logs.
 */
export async function startAppServer(env: Record<string, string> = {}, { verifyOnly = false } = {}): Promise<AppServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...serverNodeFlags(), '--import', 'tsx', 'server/main.ts', ...(verifyOnly ? ['--verify-only'] : [])],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_SECRET,
        LOG_LEVEL: 'debug',
        KEYGATE_DATA_DIR: '.data/http-tests',
        KEYGATE_USAGE_FLUSH_MS: '100',
        // Tests that want the hourly expiry job turn it back on.
        KEYGATE_SCHEDULER: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  rememberSecret(AUTH_SECRET, ...(env.METRICS_TOKEN ? [env.METRICS_TOKEN] : []));
  let output = '';
  child.stderr.on('data', (chunk) => {
    output += chunk;
    if (process.env.SHOW_SERVER_LOGS) process.stderr.write(chunk);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (process.env.SHOW_SERVER_LOGS) process.stdout.write(chunk);
      if (output.includes('Keygate ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      const leaked = secretsIn(output);
      if (leaked.length)
        throw new Error(`The server logged ${leaked.length} secret(s): ${leaked.map((s) => `${s.slice(0, 6)}…`).join(', ')}`);
    },
  };
}
