import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/cron/expiry-notifications/route';

const call = (authorization?: string) =>
  GET(new Request('http://127.0.0.1/api/cron/expiry-notifications', { headers: authorization ? { authorization } : {} }));

afterEach(() => {
  delete process.env.CRON_SECRET;
});

describe('GET /api/cron/expiry-notifications', () => {
  it('is off, with a clear 503, while CRON_SECRET is unset', async () => {
    const response = await call('Bearer anything');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await response.json()).detail).toContain('CRON_SECRET');
  });

  it.each([undefined, 'Bearer wrong-secret', 'bearer cron-secret-for-tests', 'cron-secret-for-tests'])(
    'answers 401 to Authorization %s',
    async (authorization) => {
      process.env.CRON_SECRET = 'cron-secret-for-tests';
      const response = await call(authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    },
  );

  it('runs the job with the right secret and answers its counts', async () => {
    process.env.CRON_SECRET = 'cron-secret-for-tests';
    const response = await call('Bearer cron-secret-for-tests');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: 0, skipped: 0, failed: 0 });
  });
});
