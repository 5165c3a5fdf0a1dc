import path from 'node:path';
import { settings } from '@/lib/settings';

/** Where Keygate keeps its local state (embedded database, generated secret, email outbox). */
// The ignore comment keeps Next's file tracing from copying the whole project into the server output.
export const dataDir = () => path.resolve(/*turbopackIgnore: true*/ settings().KEYGATE_DATA_DIR);
