import { afterAll, describe, expect, it } from 'vitest';
import { GET as listApiAccessRoute } from '@/app/api/v1/api-access/route';
import { POST as verifyRoute } from '@/app/api/v1/tokens/verify/route';
import { closeDb } from '@/db/client';
import { withErrorBoundary } from '@/lib/api/error-boundary';
import { generateToken } from '@/lib/tokens/token';

const reachableUrl = process.env.DATABASE_URL!;
const verify = (token: string) =>
  verifyRoute(new Request('http://127.0.0.1/api/v1/tokens/verify', { method: 'POST', body: JSON.stringify({ token }) }));
const list = (token: string) =>
  listApiAccessRoute(new Request('http://127.0.0.1/api/v1/api-access', { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({}),
  });

async function useDatabase(url: string) {
  await closeDb();
  process.env.DATABASE_URL = url;
}

afterAll(() => useDatabase(reachableUrl));

describe('route handler error boundaries', () => {
  it('answer an unexpected error with a 500 problem that carries a request id and not the error', async () => {
    const handler = withErrorBoundary(async () => {
      throw new Error('secret internals: password=hunter2');
    });
    const response = await handler(new Request('http://127.0.0.1/api/v1/anything'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json();
    expect(body.instance).toMatch(/^urn:keygate:request:[0-9a-f-]{36}$/);
    expect(body.detail).toContain(body.instance.split(':').at(-1));
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('answer 503 problem+json, never VALID, while PostgreSQL is unreachable, and recover when it is back', async () => {
    const token = generateToken();
    await useDatabase('postgres://postgres@127.0.0.1:9/unreachable');
    for (const response of [await verify(token), await list(token)]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((await response.json()).detail).toContain('database cannot be reached');
    }
    await useDatabase(reachableUrl);
    expect(await (await verify(token)).json()).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect((await list(token)).status).toBe(401);
  });
});
