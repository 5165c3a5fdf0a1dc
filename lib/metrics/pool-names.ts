import { hostname } from 'node:os';

export type PoolName = 'main' | 'token_lookup';

/**
 * Each pool's connections carry an application_name naming the pool, the process and its host:
 * pg_stat_activity then tells this instance's connections (and their state) from other instances'.
 * PostgreSQL keeps 63 bytes of it.
 */
export const poolApplicationName = (pool: PoolName): string => `keygate:${pool}:${process.pid}@${hostname()}`.slice(0, 63);
