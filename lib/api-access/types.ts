import type { ApiAccessJson } from '@/lib/api/contract';

/** ApiAccess's instants, Date objects until they are serialised (lib/api/serialize.ts). */
type Instants = {
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | null;
  previousTokenExpiresAt: Date | null;
  leakedAt: Date | null;
};

/** Who reported a leak and where the token was found (the detail view; the REST shape has only leakedAt). */
export type LeakReport = { source: 'revoke_api' | 'github'; url: string | null };

/** The ApiAccess shape of SPEC §3, declared once as a zod schema (lib/api/contract.ts), with Date objects. */
export type ApiAccess = Omit<ApiAccessJson, keyof Instants> & Instants & { leak: LeakReport | null };
export type ApiAccessStatus = ApiAccess['status'];

/** Returned once, on creation or regeneration: the only time the token exists outside its holder. */
export type ApiAccessWithToken = { apiAccess: ApiAccess; token: string };
