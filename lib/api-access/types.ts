export type ApiAccessStatus = 'Active' | 'Expired';

/** The ApiAccess shape of SPEC §3 (dates as Date objects until they are serialised). */
export type ApiAccess = {
  id: string;
  name: string;
  description: string;
  tags: string[];
  type: 'API_KEY';
  roles: { id: string; name: string }[];
  status: ApiAccessStatus;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  createdBy: { kind: 'user' | 'apiAccess'; id: string; name: string };
  lastUsedAt: Date | null;
  tokenStart: string;
};

/** Returned once, on creation or regeneration: the only time the token exists outside its holder. */
export type ApiAccessWithToken = { apiAccess: ApiAccess; token: string };
