import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/log/logger';
import { requestIdFrom, requestIdOf } from '@/lib/log/request-id';

function capture(level = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const context = new AsyncLocalStorage<{ requestId: string }>();
  return {
    logger: createLogger(level, context, sink),
    context,
    lines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('the logger', () => {
  it('writes one JSON object per line with level, time, message and the request id of the request being served', () => {
    const { logger, context, lines } = capture();
    context.run({ requestId: 'req-42' }, () => logger.info({ count: 3 }, 'served'));
    logger.warn('outside any request');
    expect(lines()).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), requestId: 'req-42', count: 3, message: 'served' },
      { level: 'warn', time: expect.any(String), message: 'outside any request' },
    ]);
  });

  it('writes nothing under its level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.debug('quieter');
    expect(lines()).toEqual([]);
  });

  it('redacts tokens, digests, passwords, TOTP secrets and credentials wherever a mistake puts them, one or two levels deep', () => {
    const { logger, lines } = capture();
    const token = 'kg_00000000000000000000000000000000000000000002CZclj';
    logger.error(
      {
        token,
        password: 'correct horse battery',
        body: { token, tokenDigest: 'abc123digest', totpSecret: 'JBSWY3DPEHPK3PXP' },
        req: { headers: { authorization: `Bearer ${token}`, cookie: 'session=1' } },
        user: { passwordHash: '$argon2id$v=19$m=19456' },
      },
      'a careless line',
    );
    const text = JSON.stringify(lines());
    for (const secret of [token, 'correct horse battery', 'abc123digest', 'JBSWY3DPEHPK3PXP', 'session=1', '$argon2id$']) {
      expect(text).not.toContain(secret);
    }
    expect(lines()[0]).toMatchObject({
      token: '[redacted]',
      body: { token: '[redacted]' },
      req: { headers: { authorization: '[redacted]' } },
    });
  });
});

describe('request ids', () => {
  it('keeps a valid incoming X-Request-Id: 1 to 128 of letters, digits and . _ : -', () => {
    for (const id of [
      'a',
      'req-1',
      '4bf92f3577b34da6a3ce929d0e0e4736',
      '1-67891233-abcdef012345678912345678',
      'x'.repeat(128),
      'a.b_c:d-e',
    ]) {
      expect(requestIdFrom(id)).toBe(id);
    }
  });

  it('replaces a missing, empty, too long or strange one with a new UUID', () => {
    for (const id of [undefined, null, '', 'x'.repeat(129), 'has space', 'line\nbreak', '<script>', 'ümlaut', '=HYPERLINK()', ['a', 'b']]) {
      const generated = requestIdFrom(id);
      expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(generated).not.toBe(requestIdFrom(id));
    }
  });

  it('are read back from a request only when valid: under another server the header is the client’s', () => {
    expect(requestIdOf(new Headers({ 'x-request-id': 'req-1' }))).toBe('req-1');
    expect(requestIdOf(new Headers({ 'x-request-id': 'x'.repeat(129) }))).toBeNull();
    expect(requestIdOf(new Headers({ 'x-request-id': '=cmd()' }))).toBeNull();
    expect(requestIdOf(new Headers())).toBeNull();
  });
});
