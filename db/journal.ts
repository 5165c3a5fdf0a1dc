import { readFileSync } from 'node:fs';
import path from 'node:path';

let newest: number | undefined;

/** The journal time of the newest migration this code ships (drizzle-kit's db/migrations/meta/_journal.json). */
export function newestShippedMigrationAt(): number {
  if (newest === undefined) {
    // The ignore comment keeps Next's file tracing from copying the whole project into the server output.
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations', 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { when: number }[] };
    newest = Math.max(...journal.entries.map((entry) => entry.when));
  }
  return newest;
}
