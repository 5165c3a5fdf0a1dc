import type { ApiAccessJson } from '@/lib/api/contract';

/** ApiAccess's instants, Date objects until they are serialised (lib/api/serialize.ts). */
type Instants = { expiresAt: Date; createdAt: Date; updatedAt: Date; lastUsedAt: Date | null; previousTokenExpiresAt: Date | null };

/** The ApiAccess shape of SPEC §3, declared once as a zod schema (lib/api/contract.ts), with Date objects. */
export type ApiAccess = Omit<ApiAccessJson, keyof Instants> & Instants;
export type ApiAccessStatus = ApiAccess['status'];

/** Returned once, on creation or regeneration: the only time the token exists outside its holder. */
export type ApiAccessWithToken = { apiAccess: ApiAccess; token: string };
