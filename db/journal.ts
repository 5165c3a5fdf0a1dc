import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The committed drizzle-kit migrations; the ignore comment keeps Next's file tracing from copying the whole project. */
export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations');

let newest: number | undefined;

/** The journal time of the newest migration this code ships (drizzle-kit's meta/_journal.json). */
export function newestShippedMigrationAt(): number {
  if (newest === undefined) {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
      entries: { when: number }[];
    };
    newest = Math.max(...journal.entries.map((entry) => entry.when));
  }
  return newest;
}
