import path from 'node:path';

/** Where Keygate keeps its local state (embedded database, generated secret, email outbox). */
export const dataDir = () => path.resolve(process.env.KEYGATE_DATA_DIR ?? '.data');
