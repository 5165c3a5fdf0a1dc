import { beforeEach, describe, expect, it } from 'vitest';
import { bearerActor } from '@/lib/api/bearer-actor';
import { BearerThrottle } from '@/lib/api/bearer-throttle';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { generateToken } from '@/lib/tokens/token';
import { seedApiAccess } from '../support/fixtures';

const LIMIT = 3;

beforeEach(() => {
  // A throttle of its own with a small limit, in place of the process's (read once from the environment).
  (globalThis as { __keygateBearerThrottle?: BearerThrottle }).__keygateBearerThrottle = new BearerThrottle(LIMIT);
});

const callFrom = (ip: string, authorization?: string) =>
  bearerActor(
    new Request('http://keygate.test/api/v1/roles', { headers: { 'x-forwarded-for': ip, ...(authorization ? { authorization } : {}) } }),
  );

describe('bearerActor past the failure limit', () => {
  it('answers 429 to a missing header, a malformed and an unknown token alike, before any lookup', async () => {
    for (const authorization of [undefined, 'Bearer kg_nope', 'Basic dXNlcjpwYXNz']) {
      expect(await callFrom('192.0.2.7', authorization)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    const unknown = generateToken();
    for (const authorization of [undefined, 'Bearer kg_nope', `Bearer ${unknown}`]) {
      expect(await callFrom('192.0.2.7', authorization)).toMatchObject({ ok: false, code: 'THROTTLED', retryAfter: expect.any(Number) });
    }
    // The unknown token was never looked up: nothing about it is cached.
    expect(tokenRuntime().verifier.cached(unknown)).toBeUndefined();
    expect(await callFrom('192.0.2.8', 'Bearer kg_nope')).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('still answers a key already in the cache, but not one that would need the database', async () => {
    const cachedKey = await seedApiAccess();
    const otherKey = await seedApiAccess();
    expect(await callFrom('192.0.2.9', `Bearer ${cachedKey.token}`)).toMatchObject({ ok: true, data: { id: cachedKey.id } });
    for (let i = 0; i < LIMIT; i++) await callFrom('192.0.2.9', 'Bearer kg_nope');
    expect(await callFrom('192.0.2.9', `Bearer ${cachedKey.token}`)).toMatchObject({ ok: true, data: { id: cachedKey.id } });
    expect(await callFrom('192.0.2.9', `Bearer ${otherKey.token}`)).toMatchObject({ code: 'THROTTLED' });
  });
});
