import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type ApiAccess = components['schemas']['ApiAccess'];
export type VerifyResponse = components['schemas']['VerifyResponse'];

/**
 * A typed client for Keygate's REST API (SPEC §3), generated from its OpenAPI document: every
 * path, body and answer is checked by TypeScript. `token` is an API Access token; verification
 * needs none.
 *
 * @example
 * const keygate = keygateClient({ baseUrl: 'https://keygate.example.com' });
 * const { data } = await keygate.POST('/api/v1/tokens/verify', { body: { token, permission: 'listApiAccess', ip } });
 * if (!data?.valid) throw new Error(`refused: ${data?.code}`);
 */
export function keygateClient({ baseUrl, token, fetch }: { baseUrl: string; token?: string; fetch?: typeof globalThis.fetch }) {
  return createClient<paths>({
    baseUrl,
    ...(fetch ? { fetch } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
