import type { Grant } from '@/lib/auth/permissions';

/** The Role shape of SPEC §3, shared by pages and the REST API. */
export type Role = {
  id: string;
  name: string;
  description: string;
  predefined: boolean;
  grants: Grant[];
};

export type RoleWithUsage = Role & { userCount: number };
